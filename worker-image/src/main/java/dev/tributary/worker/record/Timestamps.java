package dev.tributary.worker.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Event times as the language sees them: epoch milliseconds. JSON may carry them as numbers of
 * milliseconds or as ISO-8601 text ({@code 2024-05-01T12:00:00Z}, or with an offset).
 */
public final class Timestamps {

  private Timestamps() {}

  public static OptionalLong toEpochMillis(Object value) {
    if (value instanceof Long millis) {
      return OptionalLong.of(millis);
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return OptionalLong.of(d.longValue());
    }
    if (value instanceof String text) {
      return parse(text);
    }
    return OptionalLong.empty();
  }

  public static OptionalLong parse(String text) {
    try {
      return OptionalLong.of(Instant.parse(text).toEpochMilli());
    } catch (DateTimeParseException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }
}
