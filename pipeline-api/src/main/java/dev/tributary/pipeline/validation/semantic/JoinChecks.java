package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.AS_OF_NEEDS_VERSIONED_TABLE;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_SIDES;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.JOIN_WINDOW_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.NOT_APPLICABLE;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.JoinSpec;
import dev.tributary.pipeline.spec.JoinType;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.pipeline.validation.Node;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A join step: the shapes of its two sides decide what kind of join it is, and so which of its
 * fields apply. Its output sees the fields of both sides as its {@link JoinPlan} names them.
 */
final class JoinChecks {

  private final CheckContext context;
  private final FieldChecks fields;
  private final DurationChecks durations;
  private final ExpressionChecks expressions;
  private final WindowChecks windows;
  private final CoPartitionChecks coPartitioning;

  JoinChecks(
      CheckContext context,
      FieldChecks fields,
      DurationChecks durations,
      ExpressionChecks expressions,
      WindowChecks windows,
      CoPartitionChecks coPartitioning) {
    this.context = context;
    this.fields = fields;
    this.durations = durations;
    this.expressions = expressions;
    this.windows = windows;
    this.coPartitioning = coPartitioning;
  }

  Node check(StepSpec step, String path, Node left) {
    JoinSpec join = step.join();
    Node right = context.nodes().get(join.with());
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
      context.error(
          joinPath + ".with",
          JOIN_SIDES,
          "a table cannot be joined with a stream on its right; make the stream '"
              + right.name()
              + "' the step's input and put the table '"
              + left.name()
              + "' in 'with'");
      return null;
    }
    JoinType type = join.typeOrDefault();
    if (shape == JoinPlan.Shape.STREAM_TABLE || shape == JoinPlan.Shape.FOREIGN_KEY) {
      if (type == JoinType.OUTER) {
        context.error(
            joinPath + ".type",
            JOIN_TYPE,
            "outer joins need two streams or two tables on their keys; a "
                + describe(shape)
                + " join is inner or left");
      }
    }
    if (shape != JoinPlan.Shape.STREAM_STREAM) {
      fields.notApplicable(joinPath + ".within", join.within(), describe(shape));
      fields.notApplicable(joinPath + ".grace", join.grace(), describe(shape));
    }
    if (shape != JoinPlan.Shape.STREAM_TABLE && join.asOf() != null) {
      context.error(
          joinPath + ".asOf",
          NOT_APPLICABLE,
          "asOf applies to stream-table joins only, not to a " + describe(shape) + " join");
    }
    if (shape != JoinPlan.Shape.FOREIGN_KEY && join.foreignKey() != null) {
      context.error(
          joinPath + ".foreignKey",
          NOT_APPLICABLE,
          "foreignKey applies to table-table joins only; this is a " + describe(shape) + " join");
    }
    switch (shape) {
      case STREAM_TABLE -> {
        coPartitioning.check(joinPath, join, left, right, shape);
        if (join.isAsOf() && !context.versionedTables().contains(right.name())) {
          context.error(
              joinPath + ".asOf",
              AS_OF_NEEDS_VERSIONED_TABLE,
              "an as-of join looks up past values, so table '"
                  + right.name()
                  + "' must be versioned (add versioned: {history: …})");
        }
      }
      case STREAM_STREAM -> {
        if (join.within() == null) {
          context.error(
              joinPath + ".within",
              JOIN_WINDOW_MISSING,
              "a stream-stream join needs 'within': how far apart in time two records may be");
        } else {
          durations.duration(joinPath + ".within", join.within(), false);
        }
        Set<String> sources = new HashSet<>(left.sources());
        sources.addAll(right.sources());
        windows.grace(joinPath, join.grace(), sources, "stream-stream join");
        coPartitioning.check(joinPath, join, left, right, shape);
      }
      case TABLE_TABLE -> coPartitioning.check(joinPath, join, left, right, shape);
      case FOREIGN_KEY -> {
        if (join.key() != null) {
          context.error(
              joinPath + ".key",
              NOT_APPLICABLE,
              "a foreign-key join matches foreignKey with the key of '"
                  + right.name()
                  + "'; leave key out");
        }
        FieldType fk =
            expressions.expression(joinPath + ".foreignKey", join.foreignKey(), left.type());
        expressions.scalar(joinPath + ".foreignKey", join.foreignKey(), fk);
      }
    }
    JoinPlan plan = plan(shape, join.with(), left.type(), right.type());
    RecordType out =
        join.select() == null
            ? plan.scope()
            : expressions.projection(joinPath + ".select", join.select(), plan.scope());
    String key =
        join.select() == null
            ? left.key()
            : ExpressionChecks.keyAfterSelect(left.key(), join.select(), plan.scope());
    context.joins().put(step.name(), plan);
    Node.Shape outShape =
        shape == JoinPlan.Shape.STREAM_TABLE || shape == JoinPlan.Shape.STREAM_STREAM
            ? Node.Shape.STREAM
            : Node.Shape.TABLE;
    Set<String> sources = new HashSet<>(left.sources());
    sources.addAll(right.sources());
    context.keepPartitions(step.name(), left);
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
    right
        .fields()
        .forEach(
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

  private static String describe(JoinPlan.Shape shape) {
    return switch (shape) {
      case STREAM_TABLE -> "stream-table";
      case STREAM_STREAM -> "stream-stream";
      case TABLE_TABLE -> "table-table";
      case FOREIGN_KEY -> "foreign-key";
    };
  }
}
