package dev.tributary.pipeline.validation;

import dev.tributary.pipeline.expr.ExpressionCheck;
import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.expr.Suggestions;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.pipeline.spec.AggregateSpec;
import dev.tributary.pipeline.spec.AggregationSpec;
import dev.tributary.pipeline.spec.BranchSpec;
import dev.tributary.pipeline.spec.Emit;
import dev.tributary.pipeline.spec.EventTimeSpec;
import dev.tributary.pipeline.spec.Format;
import dev.tributary.pipeline.spec.JoinSpec;
import dev.tributary.pipeline.spec.JoinType;
import dev.tributary.pipeline.spec.KeySpec;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.ReplicasSpec;
import dev.tributary.pipeline.spec.RuntimeSpec;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.StepKind;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.spec.WindowSpec;
import dev.tributary.pipeline.spec.WindowType;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The meaning checks of a structurally valid document. Collects every error; never throws. */
final class SemanticChecks {

  private static final Pattern DNS_1123_LABEL = Pattern.compile("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");
  private static final Pattern TOPIC = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");
  private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
  private static final Pattern QUANTITY =
      Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
  private static final Set<String> CEL_RESERVED =
      Set.of(
          "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for",
          "function", "if", "import", "let", "loop", "package", "namespace", "return", "var",
          "void", "while");
  private static final int MAX_STANDBY_REPLICAS = 3;
  private static final int MAX_REPLICAS = 1_000;

  private final PipelineDocument document;
  private final PipelineSpec spec;
  private final List<ValidationError> errors = new ArrayList<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, JoinPlan> joins = new HashMap<>();
  private final Map<String, Integer> declaredPartitions = new HashMap<>();
  private final Map<String, Duration> lateness = new HashMap<>();
  private final Set<String> versionedTables = new HashSet<>();
  private String team;
  private String topicPrefix;

  private SemanticChecks(PipelineDocument document) {
    this.document = document;
    this.spec = document.spec();
  }

  static ValidationResult check(PipelineDocument document, ValidationContext context) {
    SemanticChecks checks = new SemanticChecks(document);
    return checks.run(context);
  }

  private ValidationResult run(ValidationContext context) {
    checkHeader(context);
    Set<String> names = checkNames();
    sources();
    tables();
    List<StepSpec> order = orderSteps(names);
    for (StepSpec step : order) {
      step(step, indexOf(step));
    }
    sinks();
    String deadLetter = deadLetter();
    runtime(spec.runtimeOrDefault());
    if (!errors.isEmpty()) {
      return new ValidationResult(document, null, errors);
    }
    return new ValidationResult(
        document,
        new ValidatedPipeline(document, team, topicPrefix, deadLetter, nodes, order, joins),
        errors);
  }

  // ---- header, names ----------------------------------------------------------------------

  private void checkHeader(ValidationContext context) {
    if (!PipelineDocument.API_VERSION.equals(document.apiVersion())) {
      error("apiVersion", "unsupported-api-version",
          "'" + document.apiVersion() + "' is not a supported version; use " + PipelineDocument.API_VERSION);
    }
    if (!PipelineDocument.KIND.equals(document.kind())) {
      error("kind", "wrong-kind", "'" + document.kind() + "' is not Pipeline");
    }
    String name = document.metadata().name();
    if (!DNS_1123_LABEL.matcher(name).matches()) {
      error("metadata.name", "invalid-name", notLabel(name));
    }
    String declared = document.metadata().team();
    if (declared != null && !DNS_1123_LABEL.matcher(declared).matches()) {
      error("metadata.team", "invalid-name", notLabel(declared));
    }
    if (context.team() != null && declared != null && !declared.equals(context.team())) {
      error("metadata.team", "team-mismatch",
          "the document says team '" + declared + "' but it is submitted to team '" + context.team() + "'");
    }
    team = context.team() != null ? context.team() : declared;
    topicPrefix = context.topicPrefix() != null ? context.topicPrefix() : team == null ? "" : team + ".";
  }

  private Set<String> checkNames() {
    Map<String, String> seen = new HashMap<>();
    List<SourceSpec> sources = spec.sourcesOrEmpty();
    for (int i = 0; i < sources.size(); i++) {
      uniqueName(seen, sources.get(i).name(), "spec.sources[" + i + "]");
    }
    List<TableSpec> tables = spec.tablesOrEmpty();
    for (int i = 0; i < tables.size(); i++) {
      uniqueName(seen, tables.get(i).name(), "spec.tables[" + i + "]");
    }
    List<StepSpec> steps = spec.stepsOrEmpty();
    for (int i = 0; i < steps.size(); i++) {
      uniqueName(seen, steps.get(i).name(), "spec.steps[" + i + "]");
    }
    Map<String, String> sinkNames = new HashMap<>();
    List<SinkSpec> sinks = spec.sinksOrEmpty();
    for (int i = 0; i < sinks.size(); i++) {
      uniqueName(sinkNames, sinks.get(i).name(), "spec.sinks[" + i + "]");
    }
    if (sources.isEmpty() && tables.isEmpty()) {
      error("spec.sources", "no-inputs", "a pipeline reads at least one source or table");
    }
    if (sinks.isEmpty()) {
      error("spec.sinks", "no-sinks", "a pipeline writes to at least one sink");
    }
    return seen.keySet();
  }

  private void uniqueName(Map<String, String> seen, String name, String path) {
    if (!DNS_1123_LABEL.matcher(name).matches()) {
      error(path + ".name", "invalid-name", notLabel(name));
    }
    String previous = seen.putIfAbsent(name, path);
    if (previous != null) {
      error(path + ".name", "duplicate-name", "the name '" + name + "' is already used by " + previous);
    }
  }

  // ---- sources and tables -------------------------------------------------------------------

  private void sources() {
    List<SourceSpec> sources = spec.sourcesOrEmpty();
    for (int i = 0; i < sources.size(); i++) {
      SourceSpec source = sources.get(i);
      String path = "spec.sources[" + i + "]";
      topic(path + ".topic", source.topic());
      format(path + ".format", source.formatOrDefault());
      partitions(path + ".partitions", source.partitions(), source.name());
      RecordType type = fields(path + ".fields", source.fields());
      String key = key(path + ".key", source.key(), type);
      EventTimeSpec eventTime = source.eventTime();
      if (eventTime != null) {
        if (eventTime.field() != null) {
          FieldType t = type.type(eventTime.field());
          if (t == null) {
            unknownField(path + ".eventTime.field", eventTime.field(), type);
          } else if (t != FieldType.TIMESTAMP && t != FieldType.INT) {
            error(path + ".eventTime.field", "event-time-type",
                "event time field '" + eventTime.field() + "' is " + t + "; it must be timestamp or int (epoch milliseconds)");
          }
        }
        if (eventTime.allowedLateness() != null) {
          lateness.put(source.name(), eventTime.allowedLateness());
        }
      }
      nodes.put(source.name(), new Node(source.name(), Node.Origin.SOURCE, Node.Shape.STREAM, type, key, Set.of(source.name())));
    }
  }

  private void tables() {
    List<TableSpec> tables = spec.tablesOrEmpty();
    for (int i = 0; i < tables.size(); i++) {
      TableSpec table = tables.get(i);
      String path = "spec.tables[" + i + "]";
      topic(path + ".topic", table.topic());
      format(path + ".format", table.formatOrDefault());
      partitions(path + ".partitions", table.partitions(), table.name());
      RecordType type = fields(path + ".fields", table.fields());
      String key = key(path + ".key", table.key(), type);
      if (table.versioned() != null) {
        positive(path + ".versioned.history", table.versioned().history(), true);
        versionedTables.add(table.name());
      }
      nodes.put(table.name(), new Node(table.name(), Node.Origin.TABLE, Node.Shape.TABLE, type, key, Set.of()));
    }
  }

  private RecordType fields(String path, Map<String, String> declared) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    if (declared == null) {
      return RecordType.EMPTY;
    }
    declared.forEach(
        (name, typeText) -> {
          String fieldPath = path + "." + name;
          if (!FIELD_NAME.matcher(name).matches() || CEL_RESERVED.contains(name)) {
            error(fieldPath, "invalid-field-name",
                "'" + name + "' cannot be a field name: use letters, digits and '_', starting with a letter, and no CEL keyword");
          }
          FieldType.parse(typeText)
              .ifPresentOrElse(
                  t -> fields.put(name, t),
                  () -> error(fieldPath, "invalid-field-type",
                      "'" + typeText + "' is not a type; use " + FieldType.SYNTAX));
        });
    return new RecordType(fields);
  }

  private String key(String path, KeySpec key, RecordType type) {
    if (key == null || key.field() == null) {
      return null;
    }
    if (!type.has(key.field())) {
      unknownField(path + ".field", key.field(), type);
      return null;
    }
    return key.field();
  }

  private void topic(String path, String topic) {
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      error(path, "invalid-topic",
          "'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");
      return;
    }
    if (!topicPrefix.isEmpty() && !topic.startsWith(topicPrefix)) {
      error(path, "topic-outside-prefix",
          "topic '" + topic + "' is outside the team's prefix '" + topicPrefix + "'; name it " + topicPrefix + "…");
    }
  }

  private void format(String path, Format format) {
    if (format != Format.JSON) {
      error(path, "format-unsupported",
          "format '" + format.value() + "' needs a schema registry, which this platform does not offer yet; use json");
    }
  }

  private void partitions(String path, Integer partitions, String name) {
    if (partitions == null) {
      return;
    }
    if (partitions < 1 || partitions > 10_000) {
      error(path, "invalid-value", "partitions must be between 1 and 10000, got " + partitions);
      return;
    }
    declaredPartitions.put(name, partitions);
  }

  // ---- steps ---------------------------------------------------------------------------------

  /** Resolves inputs and returns the steps in dependency order; reports dangling inputs and cycles. */
  private List<StepSpec> orderSteps(Set<String> names) {
    List<StepSpec> steps = spec.stepsOrEmpty();
    Map<String, StepSpec> byName = new LinkedHashMap<>();
    Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
    Set<String> referable = new TreeSet<>(names);
    for (StepSpec step : steps) {
      if (step.branch() != null) {
        step.branch().forEach(b -> referable.add(step.name() + "." + b.name()));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      String path = "spec.steps[" + i + "]";
      kind(step, path);
      byName.putIfAbsent(step.name(), step);
      Set<String> deps = new LinkedHashSet<>();
      reference(path + ".input", step.input(), referable, deps);
      if (step.join() != null) {
        reference(path + ".join.with", step.join().with(), referable, deps);
      }
      dependsOn.put(step.name(), deps);
    }
    // Kahn's algorithm; what is left over sits on a cycle.
    List<StepSpec> order = new ArrayList<>();
    Set<String> done = new HashSet<>(nodes.keySet());
    spec.sourcesOrEmpty().forEach(s -> done.add(s.name()));
    spec.tablesOrEmpty().forEach(t -> done.add(t.name()));
    boolean progress = true;
    Set<String> pending = new LinkedHashSet<>(dependsOn.keySet());
    while (progress && !pending.isEmpty()) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        String name = it.next();
        if (done.containsAll(dependsOn.get(name))) {
          it.remove();
          done.add(name);
          order.add(byName.get(name));
          progress = true;
        }
      }
    }
    if (!pending.isEmpty()) {
      List<String> cycle = cycle(pending, dependsOn);
      if (!cycle.isEmpty()) {
        error("spec.steps[" + indexOf(byName.get(cycle.get(0))) + "].input", "cycle",
            "steps form a cycle: " + String.join(" → ", cycle) + "; a pipeline's steps must flow from sources to sinks");
      }
    }
    return order;
  }

  private void reference(String path, String ref, Set<String> referable, Set<String> deps) {
    if (ref == null) {
      return;
    }
    if (!referable.contains(ref)) {
      String hint = Suggestions.closest(ref, referable).map(s -> " (did you mean '" + s + "'?)").orElse("");
      error(path, "dangling-input", "'" + ref + "' is not a source, table, step or branch" + hint);
      return;
    }
    int dot = ref.indexOf('.');
    String step = dot < 0 ? ref : ref.substring(0, dot);
    if (spec.stepsOrEmpty().stream().anyMatch(s -> s.name().equals(step))) {
      deps.add(step);
    }
  }

  private List<String> cycle(Set<String> pending, Map<String, Set<String>> dependsOn) {
    // Walk dependencies among the pending steps from the first until a step repeats.
    List<String> walk = new ArrayList<>();
    String current = pending.iterator().next();
    while (!walk.contains(current)) {
      walk.add(current);
      String next = null;
      for (String dep : dependsOn.get(current)) {
        if (pending.contains(dep)) {
          next = dep;
          break;
        }
      }
      if (next == null) {
        return List.of();
      }
      current = next;
    }
    List<String> cycle = new ArrayList<>(walk.subList(walk.indexOf(current), walk.size()));
    cycle.add(current);
    return cycle;
  }

  private void kind(StepSpec step, String path) {
    List<StepKind> kinds = step.kinds();
    if (kinds.isEmpty()) {
      error(path, "step-kind-missing",
          "step '" + step.name() + "' has no operation; give it exactly one of filter, select, explode, rekey, branch, deduplicate, aggregate, join");
    } else if (kinds.size() > 1) {
      error(path, "step-kind-conflict",
          "step '" + step.name() + "' has several operations ("
              + kinds.stream().map(StepKind::key).collect(Collectors.joining(", "))
              + "); split it into one step per operation");
    }
  }

  private void step(StepSpec step, int index) {
    String path = "spec.steps[" + index + "]";
    StepKind kind = step.kind();
    Node input = nodes.get(step.input());
    if (kind == null || input == null) {
      return;
    }
    Node output =
        switch (kind) {
          case FILTER -> filter(step, path, input);
          case SELECT -> select(step, path, input);
          case EXPLODE -> explode(step, path, input);
          case REKEY -> rekey(step, path, input);
          case BRANCH -> branch(step, path, input);
          case DEDUPLICATE -> deduplicate(step, path, input);
          case AGGREGATE -> aggregate(step, path, input);
          case JOIN -> join(step, path, input);
        };
    if (output != null) {
      nodes.put(step.name(), output);
    }
  }

  private Node filter(StepSpec step, String path, Node input) {
    expect(path + ".filter", step.filter(), input.type(), "bool");
    return derived(step, input, input.type(), input.key());
  }

  private Node select(StepSpec step, String path, Node input) {
    RecordType out = projection(path + ".select", step.select(), input.type());
    return derived(step, input, out, input.key());
  }

  private RecordType projection(String path, Map<String, String> select, RecordType scope) {
    if (select.isEmpty()) {
      error(path, "empty-select", "select needs at least one output field");
    }
    Map<String, FieldType> out = new LinkedHashMap<>();
    select.forEach(
        (field, expression) -> {
          String fieldPath = path + "." + field;
          if (!FIELD_NAME.matcher(field).matches() || CEL_RESERVED.contains(field)) {
            error(fieldPath, "invalid-field-name",
                "'" + field + "' cannot be a field name: use letters, digits and '_', starting with a letter");
          }
          FieldType type = expression(fieldPath, expression, scope);
          out.put(field, type == null ? FieldType.ANY : type);
        });
    return new RecordType(out);
  }

  private Node explode(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "explode")) {
      return null;
    }
    FieldType items = expression(path + ".explode.items", step.explode().items(), input.type());
    FieldType element = FieldType.ANY;
    if (items != null) {
      if (items.celType().kind() == CelKind.LIST) {
        element = FieldType.of(((ListType) items.celType()).elemType());
      } else if (items.celType().kind() != CelKind.DYN) {
        error(path + ".explode.items", "expression-type",
            "explode needs a list, but '" + step.explode().items() + "' is " + items);
      }
    }
    String as = step.explode().as();
    if (!FIELD_NAME.matcher(as).matches() || CEL_RESERVED.contains(as)) {
      error(path + ".explode.as", "invalid-field-name", "'" + as + "' cannot be a field name");
    }
    return derived(step, input, input.type().with(as, element), input.key());
  }

  private Node rekey(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "rekey")) {
      return null;
    }
    FieldType type = expression(path + ".rekey", step.rekey(), input.type());
    scalar(path + ".rekey", step.rekey(), type);
    return derived(step, input, input.type(), normalize(step.rekey()));
  }

  private Node branch(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "branch")) {
      return null;
    }
    List<BranchSpec> branches = step.branch();
    if (branches.isEmpty()) {
      error(path + ".branch", "empty-branch", "branch needs at least one branch");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < branches.size(); i++) {
      BranchSpec branch = branches.get(i);
      String branchPath = path + ".branch[" + i + "]";
      if (!DNS_1123_LABEL.matcher(branch.name()).matches()) {
        error(branchPath + ".name", "invalid-name", notLabel(branch.name()));
      }
      if (!names.add(branch.name())) {
        error(branchPath + ".name", "duplicate-name", "branch '" + branch.name() + "' appears twice");
      }
      if (branch.when() == null) {
        if (i != branches.size() - 1) {
          error(branchPath + ".when", "branch-default-not-last",
              "only the last branch may omit 'when' (it takes every remaining record)");
        }
      } else {
        expect(branchPath + ".when", branch.when(), input.type(), "bool");
      }
      String name = step.name() + "." + branch.name();
      nodes.put(name, new Node(name, Node.Origin.BRANCH, Node.Shape.STREAM, input.type(), input.key(), input.sources()));
    }
    return derived(step, input, input.type(), input.key());
  }

  private Node deduplicate(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "deduplicate")) {
      return null;
    }
    positive(path + ".deduplicate.within", step.deduplicate().within(), false);
    if (step.deduplicate().key() != null) {
      FieldType type = expression(path + ".deduplicate.key", step.deduplicate().key(), input.type());
      scalar(path + ".deduplicate.key", step.deduplicate().key(), type);
    }
    return derived(step, input, input.type(), input.key());
  }

  private Node aggregate(StepSpec step, String path, Node input) {
    AggregateSpec aggregate = step.aggregate();
    if (!needsStream(path, input, "aggregate")) {
      return null;
    }
    Map<String, FieldType> out = new LinkedHashMap<>();
    String key;
    if (aggregate.groupBy() == null) {
      out.put("key", FieldType.STRING);
      key = input.key();
    } else {
      if (aggregate.groupBy().isEmpty()) {
        error(path + ".aggregate.groupBy", "empty-group-by", "groupBy needs at least one field, or leave it out to group by the record key");
      }
      aggregate.groupBy().forEach(
          (field, expression) -> {
            String fieldPath = path + ".aggregate.groupBy." + field;
            FieldType type = expression(fieldPath, expression, input.type());
            scalar(fieldPath, expression, type);
            out.put(field, type == null ? FieldType.ANY : type);
          });
      key = aggregate.groupBy().size() == 1 ? normalize(aggregate.groupBy().values().iterator().next()) : null;
    }
    if (aggregate.aggregates() == null || aggregate.aggregates().isEmpty()) {
      error(path + ".aggregate.aggregates", "no-aggregates", "aggregate needs at least one aggregation, for example count: {fn: count}");
    } else {
      aggregate.aggregates().forEach(
          (field, aggregation) -> {
            String fieldPath = path + ".aggregate.aggregates." + field;
            if (out.containsKey(field)) {
              error(fieldPath, "duplicate-field", "'" + field + "' is already a groupBy field");
            }
            if (!FIELD_NAME.matcher(field).matches() || CEL_RESERVED.contains(field)) {
              error(fieldPath, "invalid-field-name", "'" + field + "' cannot be a field name");
            }
            out.put(field, aggregation(fieldPath, aggregation, input.type()));
          });
    }
    WindowSpec window = aggregate.window();
    if (window != null) {
      window(path + ".aggregate.window", window, input);
      for (String field : List.of("windowStart", "windowEnd")) {
        if (out.containsKey(field)) {
          error(path + ".aggregate", "duplicate-field", "'" + field + "' is reserved for the window bounds of a windowed aggregate");
        }
        out.put(field, FieldType.TIMESTAMP);
      }
    } else if (aggregate.emit() == Emit.FINAL) {
      error(path + ".aggregate.emit", "emit-final-needs-window",
          "emit: final waits for a window to close, and this aggregate has no window; use emit: changes or add a window");
    }
    // A windowed aggregate's results flow on as a stream of window results; a running aggregate
    // is a table of the latest value per group.
    Node.Shape shape = window == null ? Node.Shape.TABLE : Node.Shape.STREAM;
    return new Node(step.name(), Node.Origin.STEP, shape, new RecordType(out), key, input.sources());
  }

  private FieldType aggregation(String path, AggregationSpec aggregation, RecordType scope) {
    AggregateFunction fn = aggregation.fn();
    if (fn == AggregateFunction.COUNT) {
      if (aggregation.of() != null) {
        error(path + ".of", "not-applicable", "count counts records and takes no 'of'");
      }
      return FieldType.INT;
    }
    if (aggregation.of() == null) {
      error(path + ".of", "missing-field", fn.value() + " needs 'of': the expression to aggregate");
      return FieldType.ANY;
    }
    FieldType of = expression(path + ".of", aggregation.of(), scope);
    if (of == null) {
      return FieldType.ANY;
    }
    boolean dynamic = of.celType().kind() == CelKind.DYN;
    switch (fn) {
      case SUM, AVG -> {
        if (!of.isNumeric() && !dynamic) {
          error(path + ".of", "expression-type", fn.value() + " needs a number, but '" + aggregation.of() + "' is " + of);
        }
        return fn == AggregateFunction.AVG ? FieldType.DOUBLE : of.isNumeric() ? of : FieldType.DOUBLE;
      }
      case MIN, MAX -> {
        if (!of.isNumeric() && of != FieldType.STRING && !dynamic) {
          error(path + ".of", "expression-type", fn.value() + " needs a number or a string, but '" + aggregation.of() + "' is " + of);
        }
        return of;
      }
      case COLLECT -> {
        return FieldType.of(ListType.create(of.celType()));
      }
      default -> {
        return of;
      }
    }
  }

  private void window(String path, WindowSpec window, Node input) {
    WindowType type = window.type();
    switch (type) {
      case TUMBLING, SLIDING -> {
        required(path + ".size", window.size(), type);
        notApplicable(path + ".advance", window.advance(), type);
        notApplicable(path + ".gap", window.gap(), type);
      }
      case HOPPING -> {
        required(path + ".size", window.size(), type);
        required(path + ".advance", window.advance(), type);
        notApplicable(path + ".gap", window.gap(), type);
        if (window.size() != null && window.advance() != null && window.advance().compareTo(window.size()) > 0) {
          error(path + ".advance", "invalid-window",
              "a hopping window's advance (" + window.advance() + ") cannot exceed its size (" + window.size() + ")");
        }
      }
      case SESSION -> {
        required(path + ".gap", window.gap(), type);
        notApplicable(path + ".size", window.size(), type);
        notApplicable(path + ".advance", window.advance(), type);
      }
    }
    positive(path + ".size", window.size(), false);
    positive(path + ".advance", window.advance(), false);
    positive(path + ".gap", window.gap(), false);
    grace(path, window.grace(), input, "window");
  }

  private void grace(String path, Duration grace, Node input, String what) {
    if (grace == null) {
      error(path + ".grace", "grace-missing",
          "every " + what + " states its grace: how long after its end late records still count (for example grace: 30s; 0s drops every late record)");
      return;
    }
    for (String source : input.sources()) {
      Duration allowed = lateness.get(source);
      if (allowed != null && grace.compareTo(allowed) < 0) {
        error(path + ".grace", "grace-below-lateness",
            "grace " + fmt(grace) + " is shorter than the allowedLateness " + fmt(allowed) + " of source '" + source
                + "': records the source allows would be dropped; raise grace to at least " + fmt(allowed));
      }
    }
  }

  private Node join(StepSpec step, String path, Node left) {
    JoinSpec join = step.join();
    Node right = nodes.get(join.with());
    if (right == null) {
      return null;
    }
    String joinPath = path + ".join";
    JoinPlan.Shape shape;
    if (left.isStream() && !right.isStream()) {
      shape = JoinPlan.Shape.STREAM_TABLE;
    } else if (left.isStream()) {
      shape = JoinPlan.Shape.STREAM_STREAM;
    } else if (!right.isStream()) {
      shape = join.foreignKey() != null ? JoinPlan.Shape.FOREIGN_KEY : JoinPlan.Shape.TABLE_TABLE;
    } else {
      error(joinPath + ".with", "join-sides",
          "a table cannot be joined with a stream on its right; make the stream '" + right.name()
              + "' the step's input and put the table '" + left.name() + "' in 'with'");
      return null;
    }
    JoinType type = join.typeOrDefault();
    if (shape == JoinPlan.Shape.STREAM_TABLE || shape == JoinPlan.Shape.FOREIGN_KEY) {
      if (type == JoinType.OUTER) {
        error(joinPath + ".type", "join-type",
            "outer joins need two streams or two tables on their keys; a " + describe(shape) + " join is inner or left");
      }
    }
    if (shape != JoinPlan.Shape.STREAM_STREAM) {
      notApplicable(joinPath + ".within", join.within(), describe(shape));
      notApplicable(joinPath + ".grace", join.grace(), describe(shape));
    }
    if (shape != JoinPlan.Shape.STREAM_TABLE && join.asOf() != null) {
      error(joinPath + ".asOf", "not-applicable", "asOf applies to stream-table joins only, not to a " + describe(shape) + " join");
    }
    if (shape != JoinPlan.Shape.FOREIGN_KEY && join.foreignKey() != null) {
      error(joinPath + ".foreignKey", "not-applicable",
          "foreignKey applies to table-table joins only; this is a " + describe(shape) + " join");
    }
    switch (shape) {
      case STREAM_TABLE -> {
        coPartitioned(joinPath, join, left, right, true);
        if (join.isAsOf() && !versionedTables.contains(right.name())) {
          error(joinPath + ".asOf", "as-of-needs-versioned-table",
              "an as-of join looks up past values, so table '" + right.name() + "' must be versioned (add versioned: {history: …})");
        }
      }
      case STREAM_STREAM -> {
        if (join.within() == null) {
          error(joinPath + ".within", "join-window-missing",
              "a stream-stream join needs 'within': how far apart in time two records may be");
        } else {
          positive(joinPath + ".within", join.within(), false);
        }
        grace(joinPath, join.grace(), merge(left, right), "stream-stream join");
        coPartitioned(joinPath, join, left, right, false);
      }
      case TABLE_TABLE -> coPartitioned(joinPath, join, left, right, false);
      case FOREIGN_KEY -> {
        FieldType fk = expression(joinPath + ".foreignKey", join.foreignKey(), left.type());
        scalar(joinPath + ".foreignKey", join.foreignKey(), fk);
      }
    }
    Map<String, FieldType> scope = new LinkedHashMap<>(left.type().fields());
    Map<String, String> rightNames = new LinkedHashMap<>();
    right.type().fields().forEach(
        (field, fieldType) -> {
          String name = scope.containsKey(field) ? join.with().replace('-', '_') + "_" + field : field;
          rightNames.put(field, name);
          scope.put(name, fieldType);
        });
    RecordType scopeType = new RecordType(scope);
    RecordType out = join.select() == null ? scopeType : projection(joinPath + ".select", join.select(), scopeType);
    joins.put(step.name(), new JoinPlan(shape, scopeType, rightNames));
    Node.Shape outShape = shape == JoinPlan.Shape.STREAM_TABLE || shape == JoinPlan.Shape.STREAM_STREAM
        ? Node.Shape.STREAM : Node.Shape.TABLE;
    Set<String> sources = new HashSet<>(left.sources());
    sources.addAll(right.sources());
    return new Node(step.name(), Node.Origin.STEP, outShape, out, left.key(), sources);
  }

  /**
   * Kafka joins records of the same key in the same partition, so both sides must be keyed alike
   * and have as many partitions. We check what the document lets us know: the key each side is
   * keyed by, and the declared partitions of the topics they come from.
   */
  private void coPartitioned(String path, JoinSpec join, Node left, Node right, boolean lookup) {
    if (join.key() != null) {
      FieldType keyType = expression(path + ".key", join.key(), left.type());
      scalar(path + ".key", join.key(), keyType);
      String wanted = normalize(join.key());
      if (left.key() == null || !left.key().equals(wanted)) {
        error(path + ".key", "not-co-partitioned",
            "input '" + left.name() + "' is " + (left.key() == null ? "not keyed by a known field" : "keyed by '" + left.key() + "'")
                + " but the join matches on '" + join.key() + "'; add a step with rekey: " + join.key()
                + " before the join so that Kafka repartitions it");
      }
      if (!lookup && right.key() != null && !right.key().equals(wanted)) {
        error(path + ".key", "not-co-partitioned",
            "'" + right.name() + "' is keyed by '" + right.key() + "' but the join matches on '" + join.key()
                + "'; rekey it by " + join.key() + " first");
      }
    } else if (lookup || right.isStream()) {
      error(path + ".key", "join-key-missing",
          "say what the join matches on: key is the expression on '" + left.name() + "' that equals the key of '" + right.name() + "'"
              + (right.key() != null ? " (its key is the field '" + right.key() + "')" : ""));
    }
    Integer leftPartitions = partitionsOf(left);
    Integer rightPartitions = partitionsOf(right);
    if (leftPartitions != null && rightPartitions != null && !leftPartitions.equals(rightPartitions)
        && left.key() != null && left.origin() == Node.Origin.SOURCE) {
      error(path, "not-co-partitioned",
          "'" + left.name() + "' has " + leftPartitions + " partitions and '" + right.name() + "' has " + rightPartitions
              + "; joined inputs need the same number of partitions (or a rekey step, which repartitions)");
    }
  }

  private Integer partitionsOf(Node node) {
    return node.origin() == Node.Origin.SOURCE || node.origin() == Node.Origin.TABLE
        ? declaredPartitions.get(node.name()) : null;
  }

  private static Node merge(Node left, Node right) {
    Set<String> sources = new HashSet<>(left.sources());
    sources.addAll(right.sources());
    return new Node(left.name(), left.origin(), left.shape(), left.type(), left.key(), sources);
  }

  private static String describe(JoinPlan.Shape shape) {
    return switch (shape) {
      case STREAM_TABLE -> "stream-table";
      case STREAM_STREAM -> "stream-stream";
      case TABLE_TABLE -> "table-table";
      case FOREIGN_KEY -> "foreign-key";
    };
  }

  private boolean needsStream(String path, Node input, String kind) {
    if (!input.isStream()) {
      error(path + ".input", "needs-stream",
          kind + " works on streams, and '" + input.name() + "' is a table; join it from a stream or aggregate its source instead");
      return false;
    }
    return true;
  }

  private static Node derived(StepSpec step, Node input, RecordType type, String key) {
    return new Node(step.name(), Node.Origin.STEP, input.shape(), type, key, input.sources());
  }

  // ---- sinks, dead letter, runtime -----------------------------------------------------------

  private void sinks() {
    Set<String> sourceTopics = new HashSet<>();
    spec.sourcesOrEmpty().forEach(s -> sourceTopics.add(s.topic()));
    spec.tablesOrEmpty().forEach(t -> sourceTopics.add(t.topic()));
    Set<String> referable = new TreeSet<>(nodes.keySet());
    List<SinkSpec> sinks = spec.sinksOrEmpty();
    for (int i = 0; i < sinks.size(); i++) {
      SinkSpec sink = sinks.get(i);
      String path = "spec.sinks[" + i + "]";
      topic(path + ".topic", sink.topic());
      format(path + ".format", sink.formatOrDefault());
      partitions(path + ".partitions", sink.partitions(), "sink:" + sink.name());
      if (sourceTopics.contains(sink.topic())) {
        error(path + ".topic", "sink-is-input",
            "sink topic '" + sink.topic() + "' is also read by this pipeline, which would feed its output back into itself");
      }
      Node input = nodes.get(sink.input());
      if (input == null) {
        if (!isStepName(sink.input()) && !isBranchOfKnownStep(sink.input())) {
          String hint = Suggestions.closest(sink.input(), referable).map(s -> " (did you mean '" + s + "'?)").orElse("");
          error(path + ".input", "dangling-input", "'" + sink.input() + "' is not a source, table, step or branch" + hint);
        }
        continue;
      }
      if (sink.key() != null) {
        FieldType type = expression(path + ".key", sink.key(), input.type());
        scalar(path + ".key", sink.key(), type);
      }
    }
  }

  private boolean isStepName(String name) {
    return spec.stepsOrEmpty().stream().anyMatch(s -> s.name().equals(name));
  }

  private boolean isBranchOfKnownStep(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && spec.stepsOrEmpty().stream().anyMatch(s -> s.name().equals(name.substring(0, dot))
        && s.branch() != null && s.branch().stream().anyMatch(b -> b.name().equals(name.substring(dot + 1))));
  }

  private String deadLetter() {
    String name = document.metadata().name();
    if (spec.deadLetter() != null && spec.deadLetter().topic() != null) {
      topic("spec.deadLetter.topic", spec.deadLetter().topic());
      return spec.deadLetter().topic();
    }
    return topicPrefix + name + ".dead-letter";
  }

  private void runtime(RuntimeSpec runtime) {
    String path = "spec.runtime";
    positive(path + ".commitInterval", runtime.commitInterval(), false);
    ReplicasSpec replicas = runtime.replicasOrDefault();
    if (replicas.min() != null && replicas.min() < 0) {
      error(path + ".replicas.min", "invalid-value", "replicas.min cannot be negative");
    }
    if (replicas.max() != null && (replicas.max() < 1 || replicas.max() > MAX_REPLICAS)) {
      error(path + ".replicas.max", "invalid-value", "replicas.max must be between 1 and " + MAX_REPLICAS);
    }
    if (replicas.min() != null && replicas.max() != null && replicas.min() > replicas.max()) {
      error(path + ".replicas", "replicas-range",
          "replicas.min (" + replicas.min() + ") is greater than replicas.max (" + replicas.max() + ")");
    }
    Integer standby = runtime.standbyReplicas();
    if (standby != null && (standby < 0 || standby > MAX_STANDBY_REPLICAS)) {
      error(path + ".standbyReplicas", "invalid-value", "standbyReplicas must be between 0 and " + MAX_STANDBY_REPLICAS);
    }
    if (runtime.autoscaling() != null) {
      positive(path + ".autoscaling.targetLag", runtime.autoscaling().targetLag(), false);
      positive(path + ".autoscaling.stabilizationWindow", runtime.autoscaling().stabilizationWindow(), true);
      Long records = runtime.autoscaling().targetLagRecords();
      if (records != null && records < 1) {
        error(path + ".autoscaling.targetLagRecords", "invalid-value", "targetLagRecords must be at least 1");
      }
    }
    if (runtime.resources() != null) {
      quantity(path + ".resources.cpu", runtime.resources().cpu());
      quantity(path + ".resources.memory", runtime.resources().memory());
    }
  }

  private void quantity(String path, String quantity) {
    if (quantity != null && !QUANTITY.matcher(quantity).matches()) {
      error(path, "invalid-quantity", "'" + quantity + "' is not a Kubernetes quantity (for example 500m, 2, 512Mi, 2Gi)");
    }
  }

  // ---- expressions and small helpers ---------------------------------------------------------

  private FieldType expression(String path, String source, RecordType scope) {
    ExpressionCheck check = Expressions.check(source, scope);
    for (ExpressionCheck.Problem problem : check.problems()) {
      error(path, problem.code(), problem.message());
    }
    return check.ok() ? check.resultType() : null;
  }

  private void expect(String path, String source, RecordType scope, String typeName) {
    FieldType type = expression(path, source, scope);
    if (type != null && !type.name().equals(typeName) && type.celType().kind() != CelKind.DYN) {
      error(path, "expression-type", "'" + source + "' is " + type + ", but a " + typeName + " is needed here");
    }
  }

  private void scalar(String path, String source, FieldType type) {
    if (type == null) {
      return;
    }
    CelKind kind = type.celType().kind();
    if (kind == CelKind.LIST || kind == CelKind.MAP || kind == CelKind.BYTES) {
      error(path, "expression-type", "a key must be a string, number or bool, but '" + source + "' is " + type);
    }
  }

  private void required(String path, Duration value, WindowType type) {
    if (value == null) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      error(path, "missing-field", "a " + type.value() + " window needs '" + field + "'");
    }
  }

  private void notApplicable(String path, Object value, Object what) {
    if (value != null) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      error(path, "not-applicable", "'" + field + "' does not apply to a " + (what instanceof WindowType w ? w.value() + " window" : what + " join"));
    }
  }

  private void positive(String path, Duration value, boolean allowZero) {
    if (value != null && (value.isNegative() || (!allowZero && value.isZero()))) {
      error(path, "invalid-duration", "must be " + (allowZero ? "zero or more" : "more than zero"));
    }
  }

  private void unknownField(String path, String field, RecordType type) {
    String hint = Suggestions.closest(field, type.names()).map(s -> " (did you mean '" + s + "'?)").orElse("");
    error(path, "unknown-field", "unknown field '" + field + "'" + hint);
  }

  private static String normalize(String expression) {
    return expression.replaceAll("\\s+", "");
  }

  private static String notLabel(String name) {
    return "'" + name + "' is not a DNS-1123 label: use lower-case letters, digits and '-', start with a letter, end with a letter or digit, at most 63 characters";
  }

  private static String fmt(Duration d) {
    return dev.tributary.pipeline.spec.Durations.format(d);
  }

  private int indexOf(StepSpec step) {
    return spec.stepsOrEmpty().indexOf(step);
  }

  private void error(String path, String code, String message) {
    errors.add(new ValidationError(path, code, message));
  }
}
