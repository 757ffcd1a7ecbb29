package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.BRANCH_DEFAULT_NOT_LAST;
import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_BRANCH;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.NEEDS_STREAM;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.BranchSpec;
import dev.tributary.pipeline.spec.StepKind;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.Node;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step, its input already checked: what its operation needs of the input, and the {@link Node}
 * it makes for the steps and sinks that read it. Aggregates and joins have checks of their own.
 */
final class StepChecks {

  /** Operations on events; a table's latest value per key has none to process. */
  private static final Set<StepKind> NEED_A_STREAM =
      EnumSet.of(
          StepKind.EXPLODE,
          StepKind.REKEY,
          StepKind.BRANCH,
          StepKind.DEDUPLICATE,
          StepKind.AGGREGATE);

  private final CheckContext context;
  private final FieldChecks fields;
  private final DurationChecks durations;
  private final ExpressionChecks expressions;
  private final AggregateChecks aggregates;
  private final JoinChecks joins;

  StepChecks(
      CheckContext context,
      FieldChecks fields,
      DurationChecks durations,
      ExpressionChecks expressions,
      AggregateChecks aggregates,
      JoinChecks joins) {
    this.context = context;
    this.fields = fields;
    this.durations = durations;
    this.expressions = expressions;
    this.aggregates = aggregates;
    this.joins = joins;
  }

  /** Checks the steps in an order where each comes after its inputs. */
  void check(List<StepSpec> order) {
    for (StepSpec step : order) {
      check(step, "spec.steps[" + context.stepIndex(step) + "]");
    }
  }

  private void check(StepSpec step, String path) {
    StepKind kind = step.kind();
    Node input = context.nodes().get(step.input());
    if (kind == null || input == null) {
      return;
    }
    if (NEED_A_STREAM.contains(kind) && !needsStream(path, input, kind.key())) {
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
          case AGGREGATE -> aggregates.check(step, path, input);
          case JOIN -> joins.check(step, path, input);
        };
    if (output != null) {
      context.nodes().putIfAbsent(step.name(), output);
    }
  }

  private boolean needsStream(String path, Node input, String kind) {
    if (!input.isStream()) {
      context.error(
          path + ".input",
          NEEDS_STREAM,
          kind
              + " needs a stream of events, and '"
              + input.name()
              + "' is a table (the latest value per key)"
              + (input.origin() == Node.Origin.TABLE
                  ? "; to process every change as an event, declare its topic under sources instead"
                  : ""));
      return false;
    }
    return true;
  }

  private Node filter(StepSpec step, String path, Node input) {
    expressions.expect(path + ".filter", step.filter(), input.type(), "bool");
    return derived(step, input, input.type(), input.key());
  }

  private Node select(StepSpec step, String path, Node input) {
    RecordType out = expressions.projection(path + ".select", step.select(), input.type());
    return derived(
        step,
        input,
        out,
        ExpressionChecks.keyAfterSelect(input.key(), step.select(), input.type()));
  }

  private Node explode(StepSpec step, String path, Node input) {
    FieldType items =
        expressions.expression(path + ".explode.items", step.explode().items(), input.type());
    FieldType element = FieldType.ANY;
    if (items != null) {
      if (items.celType().kind() == CelKind.LIST) {
        element = FieldType.of(((ListType) items.celType()).elemType());
      } else if (items.celType().kind() != CelKind.DYN) {
        context.error(
            path + ".explode.items",
            EXPRESSION_TYPE,
            "explode needs a list, but '" + step.explode().items() + "' is " + items);
      }
    }
    String as = step.explode().as();
    fields.fieldName(path + ".explode.as", as);
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
    FieldType type = expressions.expression(path + ".rekey", step.rekey(), input.type());
    expressions.scalar(path + ".rekey", step.rekey(), type);
    // Kafka Streams repartitions a re-keyed stream before its next stateful step and sizes that
    // repartition topic to match whatever it is joined with, so its partitions are not recorded.
    return new Node(
        step.name(),
        Node.Origin.STEP,
        input.shape(),
        input.type(),
        ExpressionChecks.normalize(step.rekey()),
        input.sources());
  }

  private Node branch(StepSpec step, String path, Node input) {
    List<BranchSpec> branches = step.branch();
    if (branches.isEmpty()) {
      context.error(path + ".branch", EMPTY_BRANCH, "branch needs at least one branch");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < branches.size(); i++) {
      BranchSpec branch = branches.get(i);
      String branchPath = path + ".branch[" + i + "]";
      if (!NameChecks.isDnsLabel(branch.name())) {
        context.error(branchPath + ".name", INVALID_NAME, NameChecks.notDnsLabel(branch.name()));
      }
      if (!names.add(branch.name())) {
        context.error(
            branchPath + ".name", DUPLICATE_NAME, "branch '" + branch.name() + "' appears twice");
      }
      if (branch.when() == null) {
        if (i != branches.size() - 1) {
          context.error(
              branchPath + ".when",
              BRANCH_DEFAULT_NOT_LAST,
              "only the last branch may omit 'when' (it takes every remaining record)");
        }
      } else {
        expressions.expect(branchPath + ".when", branch.when(), input.type(), "bool");
      }
      String name = step.name() + "." + branch.name();
      context
          .nodes()
          .putIfAbsent(
              name,
              new Node(
                  name,
                  Node.Origin.BRANCH,
                  Node.Shape.STREAM,
                  input.type(),
                  input.key(),
                  input.sources()));
      context.keepPartitions(name, input);
    }
    return derived(step, input, input.type(), input.key());
  }

  private Node deduplicate(StepSpec step, String path, Node input) {
    durations.duration(path + ".deduplicate.within", step.deduplicate().within(), false);
    if (step.deduplicate().key() != null) {
      FieldType type =
          expressions.expression(path + ".deduplicate.key", step.deduplicate().key(), input.type());
      expressions.scalar(path + ".deduplicate.key", step.deduplicate().key(), type);
    }
    return derived(step, input, input.type(), input.key());
  }

  /** A step whose records keep their input's shape, sources and partitions. */
  private Node derived(StepSpec step, Node input, RecordType type, String key) {
    context.keepPartitions(step.name(), input);
    return new Node(step.name(), Node.Origin.STEP, input.shape(), type, key, input.sources());
  }
}
