package dev.tributary.pipeline.validation;

import dev.tributary.pipeline.expr.RecordType;
import java.util.Set;

/**
 * What flows out of a source, table, step or branch, as far as validation can tell.
 *
 * @param name the name later steps use ({@code step.branch} for a branch)
 * @param origin what declares it
 * @param shape a stream of events, or a table of latest values per key
 * @param type the fields of its records
 * @param key what its record key equals: the name of one of its fields, or the text of a rekey
 *     expression (without whitespace); null when unknown
 * @param sources the sources it derives from (for allowed lateness)
 */
public record Node(
    String name, Origin origin, Shape shape, RecordType type, String key, Set<String> sources) {

  public enum Origin {
    SOURCE,
    TABLE,
    STEP,
    BRANCH
  }

  public enum Shape {
    STREAM,
    TABLE
  }

  public boolean isStream() {
    return shape == Shape.STREAM;
  }
}
