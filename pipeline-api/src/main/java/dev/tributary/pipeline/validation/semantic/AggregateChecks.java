package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.EMIT_FINAL_NEEDS_WINDOW;
import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_GROUP_BY;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.MISSING_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.NOT_APPLICABLE;
import static dev.tributary.pipeline.validation.ValidationCode.NO_AGGREGATES;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.ListType;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.pipeline.spec.AggregateSpec;
import dev.tributary.pipeline.spec.AggregationSpec;
import dev.tributary.pipeline.spec.Emit;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.WindowSpec;
import dev.tributary.pipeline.validation.JsonPaths;
import dev.tributary.pipeline.validation.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An aggregate step on a stream: what it groups by, what each aggregation takes and gives, and its
 * window. Its output holds the group fields, the aggregations and, when windowed, the window
 * bounds.
 */
final class AggregateChecks {

  private static final List<String> WINDOW_FIELDS = List.of("windowStart", "windowEnd");

  private final CheckContext context;
  private final FieldChecks fields;
  private final ExpressionChecks expressions;
  private final WindowChecks windows;

  AggregateChecks(
      CheckContext context,
      FieldChecks fields,
      ExpressionChecks expressions,
      WindowChecks windows) {
    this.context = context;
    this.fields = fields;
    this.expressions = expressions;
    this.windows = windows;
  }

  Node check(StepSpec step, String path, Node input) {
    AggregateSpec aggregate = step.aggregate();
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
        context.error(
            aggregatePath + ".groupBy",
            EMPTY_GROUP_BY,
            "groupBy needs at least one field, or leave it out to group by the record key");
      }
      aggregate
          .groupBy()
          .forEach(
              (field, expression) -> {
                String fieldPath = JsonPaths.member(aggregatePath + ".groupBy", field);
                fields.fieldName(fieldPath, field);
                reservedForWindow(fieldPath, field, window);
                FieldType type = expressions.expression(fieldPath, expression, input.type());
                expressions.scalar(fieldPath, expression, type);
                out.put(field, type == null ? FieldType.ANY : type);
              });
      boolean single = aggregate.groupBy().size() == 1;
      key = single ? aggregate.groupBy().keySet().iterator().next() : null;
      repartitions =
          !single
              || input.key() == null
              || !ExpressionChecks.normalize(aggregate.groupBy().values().iterator().next())
                  .equals(input.key());
    }
    if (aggregate.aggregates() == null || aggregate.aggregates().isEmpty()) {
      context.error(
          aggregatePath + ".aggregates",
          NO_AGGREGATES,
          "aggregate needs at least one aggregation, for example count: {fn: count}");
    } else {
      aggregate
          .aggregates()
          .forEach(
              (field, aggregation) -> {
                String fieldPath = JsonPaths.member(aggregatePath + ".aggregates", field);
                if (out.containsKey(field)) {
                  context.error(
                      fieldPath,
                      DUPLICATE_FIELD,
                      aggregate.groupBy() == null
                          ? "'key' is already an output field: it holds the group's key when there is no groupBy"
                          : "'" + field + "' is already a groupBy field");
                }
                fields.fieldName(fieldPath, field);
                reservedForWindow(fieldPath, field, window);
                out.put(field, aggregation(fieldPath, aggregation, input.type()));
              });
    }
    if (window != null) {
      windows.window(aggregatePath + ".window", window, input);
      WINDOW_FIELDS.forEach(field -> out.put(field, FieldType.TIMESTAMP));
    } else if (aggregate.emit() == Emit.FINAL) {
      context.error(
          aggregatePath + ".emit",
          EMIT_FINAL_NEEDS_WINDOW,
          "emit: final waits for a window to close, and this aggregate has no window; use emit: changes or add a window");
    }
    // A windowed aggregate's results flow on as a stream of window results; a running aggregate
    // is a table of the latest value per group.
    Node.Shape shape = window == null ? Node.Shape.TABLE : Node.Shape.STREAM;
    if (!repartitions) {
      context.keepPartitions(step.name(), input);
    }
    return new Node(
        step.name(), Node.Origin.STEP, shape, new RecordType(out), key, input.sources());
  }

  private void reservedForWindow(String path, String field, WindowSpec window) {
    if (window != null && WINDOW_FIELDS.contains(field)) {
      context.error(
          path,
          DUPLICATE_FIELD,
          "'" + field + "' is reserved for the window bounds of a windowed aggregate");
    }
  }

  /** Checks one aggregation; returns the type of its result. */
  private FieldType aggregation(String path, AggregationSpec aggregation, RecordType scope) {
    AggregateFunction fn = aggregation.fn();
    if (fn == AggregateFunction.COUNT) {
      if (aggregation.of() != null) {
        context.error(path + ".of", NOT_APPLICABLE, "count counts records and takes no 'of'");
      }
      return FieldType.INT;
    }
    if (aggregation.of() == null) {
      context.error(
          path + ".of", MISSING_FIELD, fn.value() + " needs 'of': the expression to aggregate");
      return FieldType.ANY;
    }
    FieldType of = expressions.expression(path + ".of", aggregation.of(), scope);
    if (of == null) {
      return FieldType.ANY;
    }
    boolean dynamic = of.celType().kind() == CelKind.DYN;
    switch (fn) {
      case SUM, AVG -> {
        if (!of.isNumeric() && !dynamic) {
          context.error(
              path + ".of",
              EXPRESSION_TYPE,
              fn.value() + " needs a number, but '" + aggregation.of() + "' is " + of);
        }
        return fn == AggregateFunction.AVG
            ? FieldType.DOUBLE
            : of.isNumeric() ? of : FieldType.DOUBLE;
      }
      case MIN, MAX -> {
        if (!of.isNumeric() && of != FieldType.STRING && !dynamic) {
          context.error(
              path + ".of",
              EXPRESSION_TYPE,
              fn.value() + " needs a number or a string, but '" + aggregation.of() + "' is " + of);
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
}
