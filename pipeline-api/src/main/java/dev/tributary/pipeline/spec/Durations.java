package dev.tributary.pipeline.spec;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of the language: a whole number and a unit, {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 2h}, {@code 7d}. One unit per value keeps documents easy to read and diff.
 */
public final class Durations {

  public static final String PATTERN = "^[0-9]{1,12}(ms|s|m|h|d)$";
  private static final Pattern SYNTAX = Pattern.compile(PATTERN);

  private Durations() {}

  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String unit = m.group(1);
    long amount = Long.parseLong(text.trim().substring(0, text.trim().length() - unit.length()));
    return Optional.of(
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
  }

  /** The shortest exact rendering in the language's syntax. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 86_400_000L == 0) return millis / 86_400_000L + "d";
    if (millis != 0 && millis % 3_600_000L == 0) return millis / 3_600_000L + "h";
    if (millis != 0 && millis % 60_000L == 0) return millis / 60_000L + "m";
    if (millis % 1000L == 0) return millis / 1000L + "s";
    return millis + "ms";
  }
}
