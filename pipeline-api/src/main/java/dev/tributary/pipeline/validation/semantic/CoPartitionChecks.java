package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.JOIN_KEY_MISSING;
import static dev.tributary.pipeline.validation.ValidationCode.NOT_CO_PARTITIONED;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.spec.JoinSpec;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.pipeline.validation.Node;
import dev.tributary.pipeline.validation.semantic.CheckContext.Partitions;

/**
 * Kafka joins records of the same key in the same partition, so both sides must be keyed alike and
 * have as many partitions. We check what the document lets us know: the key each side is keyed by,
 * and the declared partitions of the topics they come from.
 */
final class CoPartitionChecks {

  private final CheckContext context;
  private final ExpressionChecks expressions;

  CoPartitionChecks(CheckContext context, ExpressionChecks expressions) {
    this.context = context;
    this.expressions = expressions;
  }

  void check(String path, JoinSpec join, Node left, Node right, JoinPlan.Shape shape) {
    boolean lookup = shape == JoinPlan.Shape.STREAM_TABLE;
    // Whether we already told the user to re-key, which repartitions and settles partitions too.
    boolean rekeyAdvised = false;
    if (join.key() != null) {
      FieldType keyType = expressions.expression(path + ".key", join.key(), left.type());
      expressions.scalar(path + ".key", join.key(), keyType);
      String wanted = ExpressionChecks.normalize(join.key());
      if (keyType != null && (left.key() == null || !left.key().equals(wanted))) {
        String keyedBy =
            left.key() == null ? "not keyed by a known field" : "keyed by '" + left.key() + "'";
        if (shape == JoinPlan.Shape.TABLE_TABLE) {
          context.error(
              path + ".key",
              NOT_CO_PARTITIONED,
              "table '"
                  + left.name()
                  + "' is "
                  + keyedBy
                  + " but the join matches on '"
                  + join.key()
                  + "'; a table-table join matches primary keys, so to look up '"
                  + right.name()
                  + "' by "
                  + join.key()
                  + " write foreignKey: "
                  + join.key()
                  + " instead");
        } else {
          context.error(
              path + ".key",
              NOT_CO_PARTITIONED,
              "input '"
                  + left.name()
                  + "' is "
                  + keyedBy
                  + " but the join matches on '"
                  + join.key()
                  + "'; add a step with rekey: "
                  + join.key()
                  + " before the join so that Kafka repartitions it");
        }
        rekeyAdvised = true;
      }
      if (keyType != null && !lookup && right.key() != null && !right.key().equals(wanted)) {
        context.error(
            path + ".key",
            NOT_CO_PARTITIONED,
            "'"
                + right.name()
                + "' is keyed by '"
                + right.key()
                + "' but the join matches on '"
                + join.key()
                + "'; both sides must be keyed by the same value: re-key '"
                + right.name()
                + "' first");
        rekeyAdvised = true;
      }
    } else if (lookup || right.isStream()) {
      context.error(
          path + ".key",
          JOIN_KEY_MISSING,
          "say what the join matches on: key is the expression on '"
              + left.name()
              + "' that equals the key of '"
              + right.name()
              + "'"
              + (right.key() != null ? " (its key is the field '" + right.key() + "')" : ""));
    }
    Partitions leftPartitions = context.partitions().get(left.name());
    Partitions rightPartitions = context.partitions().get(right.name());
    if (!rekeyAdvised
        && leftPartitions != null
        && rightPartitions != null
        && leftPartitions.count() != rightPartitions.count()) {
      context.error(
          path,
          NOT_CO_PARTITIONED,
          "'"
              + left.name()
              + "' reads "
              + leftPartitions.input()
              + " with "
              + leftPartitions.count()
              + " partitions and '"
              + right.name()
              + "' reads "
              + rightPartitions.input()
              + " with "
              + rightPartitions.count()
              + "; joined inputs need the same number of partitions"
              + (left.isStream() ? " (or a rekey step before the join, which repartitions)" : ""));
    }
  }
}
