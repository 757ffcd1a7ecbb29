package dev.tributary.pipeline.validation;

import dev.tributary.pipeline.expr.RecordType;
import java.util.Map;

/**
 * How a join step is carried out, resolved from the shapes of its two sides.
 *
 * @param shape which kind of join the sides make
 * @param scope the fields visible to the join's {@code select} (and its output when there is no
 *     select): all left fields, then the right fields under their output names
 * @param rightNames right field name to its name in {@code scope} ({@code <with>_<field>} when the
 *     left has a field of the same name)
 */
public record JoinPlan(Shape shape, RecordType scope, Map<String, String> rightNames) {

  public enum Shape {
    /** A stream looks up a table by key, latest value or as of the event's time. */
    STREAM_TABLE,
    /** Two streams within a time window. */
    STREAM_STREAM,
    /** Two tables on their primary keys. */
    TABLE_TABLE,
    /** Two tables, the left row pointing to the right by a foreign key. */
    FOREIGN_KEY
  }
}
