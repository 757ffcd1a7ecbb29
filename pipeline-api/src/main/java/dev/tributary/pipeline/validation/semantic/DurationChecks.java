package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.INVALID_DURATION;

import dev.tributary.pipeline.spec.Durations;
import java.time.Duration;

/** Durations: zero only where it means something, and never longer than the platform can count. */
final class DurationChecks {

  /** Longer than any window, history or lag a pipeline needs, and far from overflowing millis. */
  static final Duration LONGEST_DURATION = Duration.ofDays(36_500);

  private final CheckContext context;

  DurationChecks(CheckContext context) {
    this.context = context;
  }

  /** Checks a duration's range; true when it is usable. */
  boolean duration(String path, Duration value, boolean allowZero) {
    if (value == null) {
      return true;
    }
    if (value.isNegative() || (!allowZero && value.isZero())) {
      context.error(
          path, INVALID_DURATION, "must be " + (allowZero ? "zero or more" : "more than zero"));
      return false;
    }
    if (value.compareTo(LONGEST_DURATION) > 0) {
      context.error(
          path,
          INVALID_DURATION,
          fmt(value)
              + " is longer than the longest duration the platform accepts, "
              + fmt(LONGEST_DURATION)
              + " (100 years)");
      return false;
    }
    return true;
  }

  /** A duration in the language's syntax, also for values too long to count in milliseconds. */
  static String fmt(Duration d) {
    if (d.compareTo(LONGEST_DURATION) <= 0) {
      return Durations.format(d);
    }
    long seconds = d.toSeconds();
    if (seconds % 86_400 == 0) return seconds / 86_400 + "d";
    if (seconds % 3_600 == 0) return seconds / 3_600 + "h";
    if (seconds % 60 == 0) return seconds / 60 + "m";
    return seconds + "s";
  }
}
