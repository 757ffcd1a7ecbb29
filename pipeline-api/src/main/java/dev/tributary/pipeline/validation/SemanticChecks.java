package dev.tributary.pipeline.validation;

import static dev.tributary.pipeline.validation.ValidationCode.AS_OF_NEEDS_VERSIONED_TABLE;
import static dev.tributary.pipeline.validation.ValidationCode.BRANCH_DEFAULT_NOT_LAST;
import static dev.tributary.pipeline.validation.ValidationCode.BRANCH_STEP_INPUT;
import static dev.tributary.pipeline.validation.ValidationCode.CYCLE;
import static dev.tributary.pipeline.validation.ValidationCode.DANGLING_INPUT;
import static dev.tributary.pipeline.validation.ValidationCode.DEAD_LETTER_CONFLICT;
import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_TOPIC;
import static dev.tributary.pipeline.validation.ValidationCode.EMIT_FINAL_NEEDS_WINDOW;
import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_BRANCH;
import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_GROUP_BY;
import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_SELECT;
import static dev.tributary.pipeline.validation.ValidationCode.EVENT_TIME_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.FORMAT_UNSUPPORTED;
import static dev.tributary.pipeline.validation.ValidationCode.GRACE_BELOW_LATENESS;
import static dev.tributary.pipeline.validation.ValidationCode.GRACE_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_DURATION;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_FIELD_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_FIELD_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_LABEL;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_QUANTITY;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_TOPIC;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_VALUE;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_WINDOW;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_KEY_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_SIDES;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_WINDOW_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.MISSING_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.NEEDS_STREAM;
import static dev.tributary.pipeline.validation.ValidationCode.NOT_APPLICABLE;
import static dev.tributary.pipeline.validation.ValidationCode.NOT_CO_PARTITIONED;
import static dev.tributary.pipeline.validation.ValidationCode.NO_AGGREGATES;
import static dev.tributary.pipeline.validation.ValidationCode.NO_INPUTS;
import static dev.tributary.pipeline.validation.ValidationCode.NO_SINKS;
import static dev.tributary.pipeline.validation.ValidationCode.REPLICAS_RANGE;
import static dev.tributary.pipeline.validation.ValidationCode.SINK_IS_INPUT;
import static dev.tributary.pipeline.validation.ValidationCode.STEP_KIND_CONFLICT;
import static dev.tributary.pipeline.validation.ValidationCode.STEP_KIND_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.TEAM_MISMATCH;
import static dev.tributary.pipeline.validation.ValidationCode.TOPIC_OUTSIDE_PREFIX;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.UNSUPPORTED_API_VERSION;
import static dev.tributary.pipeline.validation.ValidationCode.WRONG_KIND;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.tributary.pipeline.expr.ExpressionCheck;
import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.expr.Suggestions;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.pipeline.spec.AggregateSpec;
import dev.tributary.pipeline.spec.AggregationSpec;
import dev.tributary.pipeline.spec.AutoscalingSpec;
import dev.tributary.pipeline.spec.BranchSpec;
import dev.tributary.pipeline.spec.Durations;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The meaning checks of a structurally valid document. Collects every error; never throws. */
final class SemanticChecks {

  private static final Pattern DNS_1123_LABEL = Pattern.compile("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");
  private static final Pattern TOPIC = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");
  private static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
  private static final Pattern QUANTITY =
      Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
  private static final Pattern LABEL_NAME =
      Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
  private static final Pattern LABEL_PREFIX =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Set<String> CEL_RESERVED =
      Set.of(
          "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for",
          "function", "if", "import", "let", "loop", "package", "namespace", "return", "var",
          "void", "while");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");
  private static final List<String> WINDOW_FIELDS = List.of("windowStart", "windowEnd");
  private static final int MAX_STANDBY_REPLICAS = 3;
  private static final int MAX_REPLICAS = 1_000;
  /** Longer than any window, history or lag a pipeline needs, and far from overflowing millis. */
  static final Duration LONGEST_DURATION = Duration.ofDays(36_500);

  /** How many partitions a node's records are spread over, and which input topic says so. */
  private record Partitions(int count, String input) {}

  private final PipelineDocument document;
  private final PipelineSpec spec;
  private final List<ValidationError> errors = new ArrayList<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, JoinPlan> joins = new HashMap<>();
  private final Map<String, Partitions> partitions = new HashMap<>();
  private final Map<String, Duration> lateness = new HashMap<>();
  private final Set<String> versionedTables = new HashSet<>();
  private final Map<StepSpec, Integer> stepIndex = new IdentityHashMap<>();
  private final Set<String> stepNames = new HashSet<>();
  private final Map<String, StepSpec> branchSteps = new HashMap<>();
  /** Topic to what reads it; Kafka Streams subscribes to each topic once per application. */
  private final Map<String, String> readTopics = new HashMap<>();
  private String team;
  private String topicPrefix;

  private SemanticChecks(PipelineDocument document) {
    this.document = document;
    this.spec = document.spec();
    List<StepSpec> steps = spec.stepsOrEmpty();
    for (int i = 0; i < steps.size(); i++) {
      stepIndex.put(steps.get(i), i);
      stepNames.add(steps.get(i).name());
      if (steps.get(i).branch() != null) {
        branchSteps.putIfAbsent(steps.get(i).name(), steps.get(i));
      }
    }
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
      step(step, stepIndex.get(step));
    }
    String deadLetter = deadLetterTopic();
    sinks(deadLetter);
    runtime(spec.runtimeOrDefault());
    // Steps are checked in dependency order; people read errors in document order.
    errors.sort(Comparator.comparingInt(SemanticChecks::section).thenComparingInt(SemanticChecks::firstIndex));
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
      error("apiVersion", UNSUPPORTED_API_VERSION,
          "'" + document.apiVersion() + "' is not a supported version; use " + PipelineDocument.API_VERSION);
    }
    if (!PipelineDocument.KIND.equals(document.kind())) {
      error("kind", WRONG_KIND, "kind must be " + PipelineDocument.KIND + ", not '" + document.kind() + "'");
    }
    String name = document.metadata().name();
    if (!DNS_1123_LABEL.matcher(name).matches()) {
      error("metadata.name", INVALID_NAME, notLabel(name));
    }
    String declared = document.metadata().team();
    boolean declaredValid = declared == null || DNS_1123_LABEL.matcher(declared).matches();
    if (!declaredValid) {
      error("metadata.team", INVALID_NAME, notLabel(declared));
    }
    if (context.team() != null && declared != null && !declared.equals(context.team())) {
      error("metadata.team", TEAM_MISMATCH,
          "the document says team '" + declared + "' but it is submitted to team '" + context.team() + "'");
    }
    labels();
    team = context.team() != null ? context.team() : declaredValid ? declared : null;
    // An invalid team already has its error; checking every topic against it would only add noise.
    topicPrefix = context.topicPrefix() != null ? context.topicPrefix() : team == null ? "" : team + ".";
  }

  /** Labels become the custom resource's labels, so they follow Kubernetes' label syntax. */
  private void labels() {
    Map<String, String> labels = document.metadata().labels();
    if (labels == null) {
      return;
    }
    labels.forEach(
        (key, value) -> {
          String path = JsonPaths.member("metadata.labels", key);
          int slash = key.indexOf('/');
          String prefix = slash < 0 ? null : key.substring(0, slash);
          String name = slash < 0 ? key : key.substring(slash + 1);
          boolean keyValid = LABEL_NAME.matcher(name).matches()
              && (prefix == null || (prefix.length() <= 253 && LABEL_PREFIX.matcher(prefix).matches()));
          if (!keyValid) {
            error(path, INVALID_LABEL,
                "'" + key + "' is not a Kubernetes label key: an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
          }
          if (!value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
            error(path, INVALID_LABEL,
                "'" + value + "' is not a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
          }
        });
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
      error("spec.sources", NO_INPUTS, "a pipeline reads at least one source or table");
    }
    if (sinks.isEmpty()) {
      error("spec.sinks", NO_SINKS, "a pipeline writes to at least one sink");
    }
    return seen.keySet();
  }

  private void uniqueName(Map<String, String> seen, String name, String path) {
    if (!DNS_1123_LABEL.matcher(name).matches()) {
      error(path + ".name", INVALID_NAME, notLabel(name));
    }
    String previous = seen.putIfAbsent(name, path);
    if (previous != null) {
      error(path + ".name", DUPLICATE_NAME, "the name '" + name + "' is already used by " + previous);
    }
  }

  // ---- sources and tables -------------------------------------------------------------------

  private void sources() {
    List<SourceSpec> sources = spec.sourcesOrEmpty();
    for (int i = 0; i < sources.size(); i++) {
      SourceSpec source = sources.get(i);
      String path = "spec.sources[" + i + "]";
      inputTopic(path + ".topic", source.topic(), "source '" + source.name() + "'");
      format(path + ".format", source.formatOrDefault());
      Partitions declared = partitions(path + ".partitions", source.partitions(), source.topic());
      RecordType type = fields(path + ".fields", source.fields());
      String key = key(path + ".key", source.key(), type);
      EventTimeSpec eventTime = source.eventTime();
      if (eventTime != null) {
        if (eventTime.field() != null) {
          FieldType t = type.type(eventTime.field());
          if (t == null) {
            unknownField(path + ".eventTime.field", eventTime.field(), type);
          } else if (t != FieldType.TIMESTAMP && t != FieldType.INT) {
            error(path + ".eventTime.field", EVENT_TIME_TYPE,
                "event time field '" + eventTime.field() + "' is " + t + "; it must be timestamp or int (epoch milliseconds)");
          }
        }
        if (eventTime.allowedLateness() != null) {
          duration(path + ".eventTime.allowedLateness", eventTime.allowedLateness(), true);
          lateness.put(source.name(), eventTime.allowedLateness());
        }
      }
      nodes.putIfAbsent(source.name(), new Node(source.name(), Node.Origin.SOURCE, Node.Shape.STREAM, type, key, Set.of(source.name())));
      partitions.putIfAbsent(source.name(), declared);
    }
  }

  private void tables() {
    List<TableSpec> tables = spec.tablesOrEmpty();
    for (int i = 0; i < tables.size(); i++) {
      TableSpec table = tables.get(i);
      String path = "spec.tables[" + i + "]";
      inputTopic(path + ".topic", table.topic(), "table '" + table.name() + "'");
      format(path + ".format", table.formatOrDefault());
      Partitions declared = partitions(path + ".partitions", table.partitions(), table.topic());
      RecordType type = fields(path + ".fields", table.fields());
      String key = key(path + ".key", table.key(), type);
      if (table.versioned() != null) {
        duration(path + ".versioned.history", table.versioned().history(), true);
        versionedTables.add(table.name());
      }
      nodes.putIfAbsent(table.name(), new Node(table.name(), Node.Origin.TABLE, Node.Shape.TABLE, type, key, Set.of()));
      partitions.putIfAbsent(table.name(), declared);
    }
  }

  private void inputTopic(String path, String topic, String reader) {
    topic(path, topic);
    String previous = readTopics.putIfAbsent(topic, reader);
    if (previous != null) {
      error(path, DUPLICATE_TOPIC,
          "topic '" + topic + "' is already read by " + previous
              + "; a pipeline reads each topic once (use one input and branch, filter or join from it)");
    }
  }

  private RecordType fields(String path, Map<String, String> declared) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    if (declared == null) {
      return RecordType.EMPTY;
    }
    // YAML splits `{m: map<string,int>}` at the comma into `m: map<string` and `int>: ''`; the
    // first half's error says what to do, so the second half is not reported on its own.
    boolean splitByComma = declared.values().stream().anyMatch(SemanticChecks::unclosed);
    declared.forEach(
        (name, typeText) -> {
          if (splitByComma && name.endsWith(">") && typeText.isEmpty()) {
            return;
          }
          String fieldPath = JsonPaths.member(path, name);
          fieldName(fieldPath, name);
          FieldType type = FieldType.parse(typeText).orElse(null);
          if (type == null) {
            error(fieldPath, INVALID_FIELD_TYPE, notAType(typeText));
          }
          // A field of a type we cannot read is still a field: expressions using it should not
          // report it unknown on top.
          fields.put(name, type == null ? FieldType.ANY : type);
        });
    return new RecordType(fields);
  }

  static String notAType(String typeText) {
    return "'" + typeText + "' is not a type; use " + FieldType.SYNTAX
        + (unclosed(typeText)
            ? " (in a YAML flow mapping {…}, quote a type that holds a comma: \"map<string,int>\")"
            : "");
  }

  static boolean unclosed(String typeText) {
    return typeText.chars().filter(c -> c == '<').count() > typeText.chars().filter(c -> c == '>').count();
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
      error(path, INVALID_TOPIC,
          "'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");
      return;
    }
    if (!topicPrefix.isEmpty() && !topic.startsWith(topicPrefix)) {
      error(path, TOPIC_OUTSIDE_PREFIX,
          "topic '" + topic + "' is outside the team's prefix '" + topicPrefix + "'; name it " + topicPrefix + "…");
    }
  }

  private void format(String path, Format format) {
    if (format != Format.JSON) {
      error(path, FORMAT_UNSUPPORTED,
          "format '" + format.value() + "' needs a schema registry, which this platform does not offer yet; use json");
    }
  }

  private Partitions partitions(String path, Integer count, String topic) {
    if (count == null) {
      return null;
    }
    if (count < 1 || count > 10_000) {
      error(path, INVALID_VALUE, "partitions must be between 1 and 10000, got " + count);
      return null;
    }
    return new Partitions(count, topic);
  }

  // ---- steps ---------------------------------------------------------------------------------

  /** Resolves inputs and returns the steps in dependency order; reports dangling inputs and cycles. */
  private List<StepSpec> orderSteps(Set<String> names) {
    List<StepSpec> steps = spec.stepsOrEmpty();
    Map<String, StepSpec> byName = new LinkedHashMap<>();
    Map<String, Map<String, String>> dependsOn = new LinkedHashMap<>();
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
      boolean first = byName.putIfAbsent(step.name(), step) == null;
      // Step name to the field that refers to it (input or join.with).
      Map<String, String> deps = new LinkedHashMap<>();
      reference(path, "input", step.input(), referable, deps);
      if (step.join() != null) {
        reference(path, "join.with", step.join().with(), referable, deps);
      }
      if (first) {
        dependsOn.put(step.name(), deps);
      }
    }
    // Kahn's algorithm; what is left over sits on a cycle or behind one.
    Map<String, Integer> waitingFor = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    dependsOn.forEach(
        (name, deps) -> {
          waitingFor.put(name, deps.size());
          deps.keySet().forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(name));
          if (deps.isEmpty()) {
            ready.add(name);
          }
        });
    List<StepSpec> order = new ArrayList<>();
    Set<String> pending = new LinkedHashSet<>(dependsOn.keySet());
    while (!ready.isEmpty()) {
      String name = ready.poll();
      pending.remove(name);
      order.add(byName.get(name));
      for (String dependent : dependents.getOrDefault(name, List.of())) {
        if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    if (!pending.isEmpty()) {
      cycles(pending, dependsOn, byName);
    }
    return order;
  }

  private void reference(String path, String field, String ref, Set<String> referable, Map<String, String> deps) {
    if (ref == null) {
      return;
    }
    if (!referable.contains(ref)) {
      String hint = Suggestions.closest(ref, referable).map(s -> " (did you mean '" + s + "'?)").orElse("");
      error(path + "." + field, DANGLING_INPUT, "'" + ref + "' is not a source, table, step or branch" + hint);
      return;
    }
    branchStepInput(path + "." + field, ref);
    int dot = ref.indexOf('.');
    String step = dot < 0 ? ref : ref.substring(0, dot);
    if (stepNames.contains(step)) {
      deps.putIfAbsent(step, field);
    }
  }

  /** A branch step routes its records to its branches; it has no output of its own to read. */
  private void branchStepInput(String path, String ref) {
    StepSpec branching = branchSteps.get(ref);
    if (branching != null && !branching.branch().isEmpty() && branching.kinds().size() == 1) {
      error(path, BRANCH_STEP_INPUT,
          "'" + ref + "' is a branch step; read one of its branches: "
              + branching.branch().stream().map(b -> ref + "." + b.name()).collect(Collectors.joining(", ")));
    }
  }

  /** Reports every cycle among the steps that could not be ordered, once each. */
  private void cycles(Set<String> pending, Map<String, Map<String, String>> dependsOn, Map<String, StepSpec> byName) {
    for (List<String> component : StepGraph.cycles(pending, dependsOn)) {
      String start = component.stream()
          .min((a, b) -> Integer.compare(stepIndex.get(byName.get(a)), stepIndex.get(byName.get(b))))
          .orElseThrow();
      List<String> cycle = StepGraph.shortestCycle(start, new HashSet<>(component), dependsOn);
      if (cycle.isEmpty()) {
        continue;
      }
      String field = dependsOn.get(start).get(cycle.get(1));
      // The walk follows inputs; people read a pipeline the way records flow, so show it reversed.
      List<String> flow = new ArrayList<>(cycle.reversed());
      error("spec.steps[" + stepIndex.get(byName.get(start)) + "]." + field, CYCLE,
          "steps form a cycle: " + String.join(" → ", flow) + "; a pipeline's steps must flow from sources to sinks");
    }
  }

  private void kind(StepSpec step, String path) {
    List<StepKind> kinds = step.kinds();
    if (kinds.isEmpty()) {
      error(path, STEP_KIND_MISSING,
          "step '" + step.name() + "' has no operation; give it exactly one of filter, select, explode, rekey, branch, deduplicate, aggregate, join");
    } else if (kinds.size() > 1) {
      error(path, STEP_KIND_CONFLICT,
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
      nodes.putIfAbsent(step.name(), output);
    }
  }

  private Node filter(StepSpec step, String path, Node input) {
    expect(path + ".filter", step.filter(), input.type(), "bool");
    return derived(step, input, input.type(), input.key());
  }

  private Node select(StepSpec step, String path, Node input) {
    RecordType out = projection(path + ".select", step.select(), input.type());
    return derived(step, input, out, keyAfterSelect(input.key(), step.select(), input.type()));
  }

  private RecordType projection(String path, Map<String, String> select, RecordType scope) {
    if (select.isEmpty()) {
      error(path, EMPTY_SELECT, "select needs at least one output field");
    }
    Map<String, FieldType> out = new LinkedHashMap<>();
    select.forEach(
        (field, expression) -> {
          String fieldPath = JsonPaths.member(path, field);
          fieldName(fieldPath, field);
          FieldType type = expression(fieldPath, expression, scope);
          out.put(field, type == null ? FieldType.ANY : type);
        });
    return new RecordType(out);
  }

  /**
   * What the record key equals after a projection: the output field that copies it, or the same
   * expression when every field it reads is kept as it is; unknown otherwise.
   */
  private static String keyAfterSelect(String key, Map<String, String> select, RecordType in) {
    if (key == null) {
      return null;
    }
    for (Map.Entry<String, String> field : select.entrySet()) {
      if (normalize(field.getValue()).equals(key)) {
        return field.getKey();
      }
    }
    Map<String, FieldType> kept = new LinkedHashMap<>();
    select.forEach(
        (field, expression) -> {
          if (normalize(expression).equals(field) && in.has(field)) {
            kept.put(field, in.type(field));
          }
        });
    return !kept.isEmpty() && Expressions.check(key, new RecordType(kept)).ok() ? key : null;
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
        error(path + ".explode.items", EXPRESSION_TYPE,
            "explode needs a list, but '" + step.explode().items() + "' is " + items);
      }
    }
    String as = step.explode().as();
    fieldName(path + ".explode.as", as);
    String key = input.key();
    if (key != null && input.type().has(as)) {
      // The element replaces a field; the key still holds if it does not read that field.
      Map<String, FieldType> others = new LinkedHashMap<>(input.type().fields());
      others.remove(as);
      key = Expressions.check(key, new RecordType(others)).ok() ? key : null;
    }
    return derived(step, input, input.type().with(as, element), key);
  }

  private Node rekey(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "rekey")) {
      return null;
    }
    FieldType type = expression(path + ".rekey", step.rekey(), input.type());
    scalar(path + ".rekey", step.rekey(), type);
    // Kafka Streams repartitions a re-keyed stream before its next stateful step and sizes that
    // repartition topic to match whatever it is joined with, so its partitions are not recorded.
    return new Node(step.name(), Node.Origin.STEP, input.shape(), input.type(), normalize(step.rekey()), input.sources());
  }

  private Node branch(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "branch")) {
      return null;
    }
    List<BranchSpec> branches = step.branch();
    if (branches.isEmpty()) {
      error(path + ".branch", EMPTY_BRANCH, "branch needs at least one branch");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < branches.size(); i++) {
      BranchSpec branch = branches.get(i);
      String branchPath = path + ".branch[" + i + "]";
      if (!DNS_1123_LABEL.matcher(branch.name()).matches()) {
        error(branchPath + ".name", INVALID_NAME, notLabel(branch.name()));
      }
      if (!names.add(branch.name())) {
        error(branchPath + ".name", DUPLICATE_NAME, "branch '" + branch.name() + "' appears twice");
      }
      if (branch.when() == null) {
        if (i != branches.size() - 1) {
          error(branchPath + ".when", BRANCH_DEFAULT_NOT_LAST,
              "only the last branch may omit 'when' (it takes every remaining record)");
        }
      } else {
        expect(branchPath + ".when", branch.when(), input.type(), "bool");
      }
      String name = step.name() + "." + branch.name();
      nodes.putIfAbsent(name, new Node(name, Node.Origin.BRANCH, Node.Shape.STREAM, input.type(), input.key(), input.sources()));
      keepPartitions(name, input);
    }
    return derived(step, input, input.type(), input.key());
  }

  private Node deduplicate(StepSpec step, String path, Node input) {
    if (!needsStream(path, input, "deduplicate")) {
      return null;
    }
    duration(path + ".deduplicate.within", step.deduplicate().within(), false);
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
    String aggregatePath = path + ".aggregate";
    WindowSpec window = aggregate.window();
    Map<String, FieldType> out = new LinkedHashMap<>();
    String key;
    boolean repartitions;
    if (aggregate.groupBy() == null) {
      out.put("key", FieldType.STRING);
      key = "key";
      repartitions = false;
    } else {
      if (aggregate.groupBy().isEmpty()) {
        error(aggregatePath + ".groupBy", EMPTY_GROUP_BY, "groupBy needs at least one field, or leave it out to group by the record key");
      }
      aggregate.groupBy().forEach(
          (field, expression) -> {
            String fieldPath = JsonPaths.member(aggregatePath + ".groupBy", field);
            fieldName(fieldPath, field);
            reservedForWindow(fieldPath, field, window);
            FieldType type = expression(fieldPath, expression, input.type());
            scalar(fieldPath, expression, type);
            out.put(field, type == null ? FieldType.ANY : type);
          });
      boolean single = aggregate.groupBy().size() == 1;
      key = single ? aggregate.groupBy().keySet().iterator().next() : null;
      repartitions = !single || input.key() == null
          || !normalize(aggregate.groupBy().values().iterator().next()).equals(input.key());
    }
    if (aggregate.aggregates() == null || aggregate.aggregates().isEmpty()) {
      error(aggregatePath + ".aggregates", NO_AGGREGATES, "aggregate needs at least one aggregation, for example count: {fn: count}");
    } else {
      aggregate.aggregates().forEach(
          (field, aggregation) -> {
            String fieldPath = JsonPaths.member(aggregatePath + ".aggregates", field);
            if (out.containsKey(field)) {
              error(fieldPath, DUPLICATE_FIELD, aggregate.groupBy() == null
                  ? "'key' is already an output field: it holds the group's key when there is no groupBy"
                  : "'" + field + "' is already a groupBy field");
            }
            fieldName(fieldPath, field);
            reservedForWindow(fieldPath, field, window);
            out.put(field, aggregation(fieldPath, aggregation, input.type()));
          });
    }
    if (window != null) {
      window(aggregatePath + ".window", window, input);
      WINDOW_FIELDS.forEach(field -> out.put(field, FieldType.TIMESTAMP));
    } else if (aggregate.emit() == Emit.FINAL) {
      error(aggregatePath + ".emit", EMIT_FINAL_NEEDS_WINDOW,
          "emit: final waits for a window to close, and this aggregate has no window; use emit: changes or add a window");
    }
    // A windowed aggregate's results flow on as a stream of window results; a running aggregate
    // is a table of the latest value per group.
    Node.Shape shape = window == null ? Node.Shape.TABLE : Node.Shape.STREAM;
    if (!repartitions) {
      keepPartitions(step.name(), input);
    }
    return new Node(step.name(), Node.Origin.STEP, shape, new RecordType(out), key, input.sources());
  }

  private void reservedForWindow(String path, String field, WindowSpec window) {
    if (window != null && WINDOW_FIELDS.contains(field)) {
      error(path, DUPLICATE_FIELD, "'" + field + "' is reserved for the window bounds of a windowed aggregate");
    }
  }

  private FieldType aggregation(String path, AggregationSpec aggregation, RecordType scope) {
    AggregateFunction fn = aggregation.fn();
    if (fn == AggregateFunction.COUNT) {
      if (aggregation.of() != null) {
        error(path + ".of", NOT_APPLICABLE, "count counts records and takes no 'of'");
      }
      return FieldType.INT;
    }
    if (aggregation.of() == null) {
      error(path + ".of", MISSING_FIELD, fn.value() + " needs 'of': the expression to aggregate");
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
          error(path + ".of", EXPRESSION_TYPE, fn.value() + " needs a number, but '" + aggregation.of() + "' is " + of);
        }
        return fn == AggregateFunction.AVG ? FieldType.DOUBLE : of.isNumeric() ? of : FieldType.DOUBLE;
      }
      case MIN, MAX -> {
        if (!of.isNumeric() && of != FieldType.STRING && !dynamic) {
          error(path + ".of", EXPRESSION_TYPE, fn.value() + " needs a number or a string, but '" + aggregation.of() + "' is " + of);
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
          error(path + ".advance", INVALID_WINDOW,
              "a hopping window's advance (" + fmt(window.advance()) + ") cannot exceed its size (" + fmt(window.size())
                  + "); records would fall between windows");
        }
      }
      case SESSION -> {
        required(path + ".gap", window.gap(), type);
        notApplicable(path + ".size", window.size(), type);
        notApplicable(path + ".advance", window.advance(), type);
      }
    }
    duration(path + ".size", window.size(), false);
    duration(path + ".advance", window.advance(), false);
    duration(path + ".gap", window.gap(), false);
    grace(path, window.grace(), input.sources(), "window");
  }

  private void grace(String path, Duration grace, Set<String> sources, String what) {
    if (grace == null) {
      error(path + ".grace", GRACE_MISSING,
          "every " + what + " states its grace: how long after its end late records still count (for example grace: 30s; 0s drops every late record)");
      return;
    }
    if (!duration(path + ".grace", grace, true)) {
      return;
    }
    for (String source : new TreeSet<>(sources)) {
      Duration allowed = lateness.get(source);
      if (allowed != null && grace.compareTo(allowed) < 0) {
        error(path + ".grace", GRACE_BELOW_LATENESS,
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
      error(joinPath + ".with", JOIN_SIDES,
          "a table cannot be joined with a stream on its right; make the stream '" + right.name()
              + "' the step's input and put the table '" + left.name() + "' in 'with'");
      return null;
    }
    JoinType type = join.typeOrDefault();
    if (shape == JoinPlan.Shape.STREAM_TABLE || shape == JoinPlan.Shape.FOREIGN_KEY) {
      if (type == JoinType.OUTER) {
        error(joinPath + ".type", JOIN_TYPE,
            "outer joins need two streams or two tables on their keys; a " + describe(shape) + " join is inner or left");
      }
    }
    if (shape != JoinPlan.Shape.STREAM_STREAM) {
      notApplicable(joinPath + ".within", join.within(), describe(shape));
      notApplicable(joinPath + ".grace", join.grace(), describe(shape));
    }
    if (shape != JoinPlan.Shape.STREAM_TABLE && join.asOf() != null) {
      error(joinPath + ".asOf", NOT_APPLICABLE, "asOf applies to stream-table joins only, not to a " + describe(shape) + " join");
    }
    if (shape != JoinPlan.Shape.FOREIGN_KEY && join.foreignKey() != null) {
      error(joinPath + ".foreignKey", NOT_APPLICABLE,
          "foreignKey applies to table-table joins only; this is a " + describe(shape) + " join");
    }
    switch (shape) {
      case STREAM_TABLE -> {
        coPartitioned(joinPath, join, left, right, shape);
        if (join.isAsOf() && !versionedTables.contains(right.name())) {
          error(joinPath + ".asOf", AS_OF_NEEDS_VERSIONED_TABLE,
              "an as-of join looks up past values, so table '" + right.name() + "' must be versioned (add versioned: {history: …})");
        }
      }
      case STREAM_STREAM -> {
        if (join.within() == null) {
          error(joinPath + ".within", JOIN_WINDOW_MISSING,
              "a stream-stream join needs 'within': how far apart in time two records may be");
        } else {
          duration(joinPath + ".within", join.within(), false);
        }
        Set<String> sources = new HashSet<>(left.sources());
        sources.addAll(right.sources());
        grace(joinPath, join.grace(), sources, "stream-stream join");
        coPartitioned(joinPath, join, left, right, shape);
      }
      case TABLE_TABLE -> coPartitioned(joinPath, join, left, right, shape);
      case FOREIGN_KEY -> {
        if (join.key() != null) {
          error(joinPath + ".key", NOT_APPLICABLE,
              "a foreign-key join matches foreignKey with the key of '" + right.name() + "'; leave key out");
        }
        FieldType fk = expression(joinPath + ".foreignKey", join.foreignKey(), left.type());
        scalar(joinPath + ".foreignKey", join.foreignKey(), fk);
      }
    }
    JoinPlan plan = plan(shape, join.with(), left.type(), right.type());
    RecordType out = join.select() == null ? plan.scope() : projection(joinPath + ".select", join.select(), plan.scope());
    String key = join.select() == null ? left.key() : keyAfterSelect(left.key(), join.select(), plan.scope());
    joins.put(step.name(), plan);
    Node.Shape outShape = shape == JoinPlan.Shape.STREAM_TABLE || shape == JoinPlan.Shape.STREAM_STREAM
        ? Node.Shape.STREAM : Node.Shape.TABLE;
    Set<String> sources = new HashSet<>(left.sources());
    sources.addAll(right.sources());
    keepPartitions(step.name(), left);
    return new Node(step.name(), Node.Origin.STEP, outShape, out, key, sources);
  }

  /**
   * The fields a join sees: every left field under its own name, then every right field under its
   * own name unless the left has it too; then it is {@code <with>_<field>} (with '-' and '.' of
   * {@code with} written '_'), followed by {@code _2}, {@code _3}… should that name be taken too.
   */
  static JoinPlan plan(JoinPlan.Shape shape, String with, RecordType left, RecordType right) {
    Map<String, FieldType> scope = new LinkedHashMap<>(left.fields());
    Map<String, String> rightNames = new LinkedHashMap<>();
    String prefix = with.replace('-', '_').replace('.', '_');
    right.fields().forEach(
        (field, fieldType) -> {
          String name = field;
          if (left.has(field)) {
            name = prefix + "_" + field;
            for (int n = 2; scope.containsKey(name) || right.has(name); n++) {
              name = prefix + "_" + field + "_" + n;
            }
          }
          rightNames.put(field, name);
          scope.put(name, fieldType);
        });
    return new JoinPlan(shape, new RecordType(scope), rightNames);
  }

  /**
   * Kafka joins records of the same key in the same partition, so both sides must be keyed alike
   * and have as many partitions. We check what the document lets us know: the key each side is
   * keyed by, and the declared partitions of the topics they come from.
   */
  private void coPartitioned(String path, JoinSpec join, Node left, Node right, JoinPlan.Shape shape) {
    boolean lookup = shape == JoinPlan.Shape.STREAM_TABLE;
    // Whether we already told the user to re-key, which repartitions and settles partitions too.
    boolean rekeyAdvised = false;
    if (join.key() != null) {
      FieldType keyType = expression(path + ".key", join.key(), left.type());
      scalar(path + ".key", join.key(), keyType);
      String wanted = normalize(join.key());
      if (keyType != null && (left.key() == null || !left.key().equals(wanted))) {
        String keyedBy = left.key() == null ? "not keyed by a known field" : "keyed by '" + left.key() + "'";
        if (shape == JoinPlan.Shape.TABLE_TABLE) {
          error(path + ".key", NOT_CO_PARTITIONED,
              "table '" + left.name() + "' is " + keyedBy + " but the join matches on '" + join.key()
                  + "'; a table-table join matches primary keys, so to look up '" + right.name()
                  + "' by " + join.key() + " write foreignKey: " + join.key() + " instead");
        } else {
          error(path + ".key", NOT_CO_PARTITIONED,
              "input '" + left.name() + "' is " + keyedBy + " but the join matches on '" + join.key()
                  + "'; add a step with rekey: " + join.key() + " before the join so that Kafka repartitions it");
        }
        rekeyAdvised = true;
      }
      if (keyType != null && !lookup && right.key() != null && !right.key().equals(wanted)) {
        error(path + ".key", NOT_CO_PARTITIONED,
            "'" + right.name() + "' is keyed by '" + right.key() + "' but the join matches on '" + join.key()
                + "'; both sides must be keyed by the same value: re-key '" + right.name() + "' first");
        rekeyAdvised = true;
      }
    } else if (lookup || right.isStream()) {
      error(path + ".key", JOIN_KEY_MISSING,
          "say what the join matches on: key is the expression on '" + left.name() + "' that equals the key of '" + right.name() + "'"
              + (right.key() != null ? " (its key is the field '" + right.key() + "')" : ""));
    }
    Partitions leftPartitions = partitions.get(left.name());
    Partitions rightPartitions = partitions.get(right.name());
    if (!rekeyAdvised && leftPartitions != null && rightPartitions != null
        && leftPartitions.count() != rightPartitions.count()) {
      error(path, NOT_CO_PARTITIONED,
          "'" + left.name() + "' reads " + leftPartitions.input() + " with " + leftPartitions.count() + " partitions and '"
              + right.name() + "' reads " + rightPartitions.input() + " with " + rightPartitions.count()
              + "; joined inputs need the same number of partitions"
              + (left.isStream() ? " (or a rekey step before the join, which repartitions)" : ""));
    }
  }

  private void keepPartitions(String name, Node input) {
    Partitions p = partitions.get(input.name());
    if (p != null) {
      partitions.putIfAbsent(name, p);
    }
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
      error(path + ".input", NEEDS_STREAM,
          kind + " needs a stream of events, and '" + input.name() + "' is a table (the latest value per key)"
              + (input.origin() == Node.Origin.TABLE ? "; to process every change as an event, declare its topic under sources instead" : ""));
      return false;
    }
    return true;
  }

  private Node derived(StepSpec step, Node input, RecordType type, String key) {
    keepPartitions(step.name(), input);
    return new Node(step.name(), Node.Origin.STEP, input.shape(), type, key, input.sources());
  }

  // ---- sinks, dead letter, runtime -----------------------------------------------------------

  private void sinks(String deadLetter) {
    Set<String> referable = new TreeSet<>(nodes.keySet());
    List<SinkSpec> sinks = spec.sinksOrEmpty();
    for (int i = 0; i < sinks.size(); i++) {
      SinkSpec sink = sinks.get(i);
      String path = "spec.sinks[" + i + "]";
      topic(path + ".topic", sink.topic());
      format(path + ".format", sink.formatOrDefault());
      partitions(path + ".partitions", sink.partitions(), sink.topic());
      if (readTopics.containsKey(sink.topic())) {
        error(path + ".topic", SINK_IS_INPUT,
            "sink topic '" + sink.topic() + "' is also read by this pipeline, which would feed its output back into itself");
      } else if (sink.topic().equals(deadLetter)) {
        error(path + ".topic", DEAD_LETTER_CONFLICT,
            "'" + sink.topic() + "' is the pipeline's dead-letter topic; write results to a topic of their own");
      }
      Node input = nodes.get(sink.input());
      if (input == null) {
        if (!isStepName(sink.input()) && !isBranchOfKnownStep(sink.input())) {
          String hint = Suggestions.closest(sink.input(), referable).map(s -> " (did you mean '" + s + "'?)").orElse("");
          error(path + ".input", DANGLING_INPUT, "'" + sink.input() + "' is not a source, table, step or branch" + hint);
        }
        continue;
      }
      branchStepInput(path + ".input", sink.input());
      if (sink.key() != null) {
        FieldType type = expression(path + ".key", sink.key(), input.type());
        scalar(path + ".key", sink.key(), type);
      }
    }
  }

  private boolean isStepName(String name) {
    return stepNames.contains(name);
  }

  private boolean isBranchOfKnownStep(String name) {
    int dot = name.indexOf('.');
    StepSpec step = dot > 0 ? branchSteps.get(name.substring(0, dot)) : null;
    return step != null && step.branch().stream().anyMatch(b -> b.name().equals(name.substring(dot + 1)));
  }

  private String deadLetterTopic() {
    if (spec.deadLetter() != null && spec.deadLetter().topic() != null) {
      String topic = spec.deadLetter().topic();
      topic("spec.deadLetter.topic", topic);
      if (readTopics.containsKey(topic)) {
        error("spec.deadLetter.topic", DEAD_LETTER_CONFLICT,
            "the dead-letter topic '" + topic + "' is also read by " + readTopics.get(topic)
                + ", which would feed failed records back into the pipeline");
      }
      return topic;
    }
    return topicPrefix + document.metadata().name() + ".dead-letter";
  }

  private void runtime(RuntimeSpec runtime) {
    String path = "spec.runtime";
    duration(path + ".commitInterval", runtime.commitInterval(), false);
    ReplicasSpec replicas = runtime.replicasOrDefault();
    boolean bounds = true;
    if (replicas.min() != null && (replicas.min() < 0 || replicas.min() > MAX_REPLICAS)) {
      error(path + ".replicas.min", INVALID_VALUE, "replicas.min must be between 0 and " + MAX_REPLICAS);
      bounds = false;
    }
    if (replicas.max() != null && (replicas.max() < 1 || replicas.max() > MAX_REPLICAS)) {
      error(path + ".replicas.max", INVALID_VALUE, "replicas.max must be between 1 and " + MAX_REPLICAS);
      bounds = false;
    }
    if (bounds && replicas.min() != null && replicas.max() != null && replicas.min() > replicas.max()) {
      error(path + ".replicas", REPLICAS_RANGE,
          "replicas.min (" + replicas.min() + ") is greater than replicas.max (" + replicas.max() + ")");
    }
    Integer standby = runtime.standbyReplicas();
    if (standby != null && (standby < 0 || standby > MAX_STANDBY_REPLICAS)) {
      error(path + ".standbyReplicas", INVALID_VALUE, "standbyReplicas must be between 0 and " + MAX_STANDBY_REPLICAS);
    }
    AutoscalingSpec autoscaling = runtime.autoscaling();
    if (autoscaling != null) {
      duration(path + ".autoscaling.targetLag", autoscaling.targetLag(), false);
      duration(path + ".autoscaling.stabilizationWindow", autoscaling.stabilizationWindow(), true);
      Long records = autoscaling.targetLagRecords();
      if (records != null && records < 1) {
        error(path + ".autoscaling.targetLagRecords", INVALID_VALUE, "targetLagRecords must be at least 1");
      }
    }
    if (runtime.resources() != null) {
      quantity(path + ".resources.cpu", runtime.resources().cpu());
      quantity(path + ".resources.memory", runtime.resources().memory());
    }
  }

  private void quantity(String path, String quantity) {
    if (quantity != null && !QUANTITY.matcher(quantity).matches()) {
      error(path, INVALID_QUANTITY, "'" + quantity + "' is not a Kubernetes quantity (for example 500m, 2, 512Mi, 2Gi)");
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
      error(path, EXPRESSION_TYPE, "'" + source + "' is " + type + ", but a " + typeName + " is needed here");
    }
  }

  private void scalar(String path, String source, FieldType type) {
    if (type == null) {
      return;
    }
    CelKind kind = type.celType().kind();
    if (kind == CelKind.LIST || kind == CelKind.MAP || kind == CelKind.BYTES) {
      error(path, EXPRESSION_TYPE, "a key must be a string, number or bool, but '" + source + "' is " + type);
    }
  }

  private void fieldName(String path, String name) {
    if (!FIELD_NAME.matcher(name).matches() || CEL_RESERVED.contains(name)) {
      error(path, INVALID_FIELD_NAME,
          "'" + name + "' cannot be a field name: use letters, digits and '_', starting with a letter or '_', at most 128 characters, and no CEL keyword");
    }
  }

  private void required(String path, Duration value, WindowType type) {
    if (value == null) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      error(path, MISSING_FIELD, "a " + type.value() + " window needs '" + field + "'");
    }
  }

  private void notApplicable(String path, Object value, Object what) {
    if (value != null) {
      String field = path.substring(path.lastIndexOf('.') + 1);
      error(path, NOT_APPLICABLE, "'" + field + "' does not apply to a " + (what instanceof WindowType w ? w.value() + " window" : what + " join"));
    }
  }

  /** Checks a duration's range; true when it is usable. */
  private boolean duration(String path, Duration value, boolean allowZero) {
    if (value == null) {
      return true;
    }
    if (value.isNegative() || (!allowZero && value.isZero())) {
      error(path, INVALID_DURATION, "must be " + (allowZero ? "zero or more" : "more than zero"));
      return false;
    }
    if (value.compareTo(LONGEST_DURATION) > 0) {
      error(path, INVALID_DURATION,
          fmt(value) + " is longer than the longest duration the platform accepts, " + fmt(LONGEST_DURATION) + " (100 years)");
      return false;
    }
    return true;
  }

  private void unknownField(String path, String field, RecordType type) {
    String hint = Suggestions.closest(field, type.names()).map(s -> " (did you mean '" + s + "'?)").orElse("");
    error(path, UNKNOWN_FIELD, "unknown field '" + field + "'" + hint);
  }

  private static String normalize(String expression) {
    return expression.replaceAll("\\s+", "");
  }

  private static String notLabel(String name) {
    return "'" + name + "' is not a DNS-1123 label: use lower-case letters, digits and '-', start with a letter, end with a letter or digit, at most 63 characters";
  }

  /** A duration in the language's syntax, also for values too long to count in milliseconds. */
  private static String fmt(Duration d) {
    if (d.compareTo(LONGEST_DURATION) <= 0) {
      return Durations.format(d);
    }
    long seconds = d.toSeconds();
    if (seconds % 86_400 == 0) return seconds / 86_400 + "d";
    if (seconds % 3_600 == 0) return seconds / 3_600 + "h";
    if (seconds % 60 == 0) return seconds / 60 + "m";
    return seconds + "s";
  }

  private static final List<String> SECTIONS =
      List.of("apiVersion", "kind", "metadata", "spec.sources", "spec.tables", "spec.steps", "spec.sinks",
          "spec.deadLetter", "spec.runtime");

  private static int section(ValidationError error) {
    for (int i = 0; i < SECTIONS.size(); i++) {
      if (error.path().startsWith(SECTIONS.get(i))) {
        return i;
      }
    }
    return SECTIONS.size();
  }

  private static int firstIndex(ValidationError error) {
    Matcher index = INDEX.matcher(error.path());
    return index.find() ? Integer.parseInt(index.group(1)) : -1;
  }

  private void error(String path, ValidationCode code, String message) {
    errors.add(new ValidationError(path, code, message));
  }
}
