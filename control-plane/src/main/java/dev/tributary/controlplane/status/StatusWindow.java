package dev.tributary.controlplane.status;

import dev.tributary.controlplane.problem.ProblemDetail;
import dev.tributary.controlplane.problem.Problems;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of the throughput history a status answer carries: {@code ?window=} as an ISO-8601
 * duration ({@code PT15M}) or a short form ({@code 30s}, {@code 15m}, {@code 1h}), at most the hour
 * that is kept; an hour when absent.
 */
public final class StatusWindow {

  public static final Duration MAX = Duration.ofHours(1);
  public static final String DESCRIPTION =
      "How much throughput history to return: `30s`, `15m`, `1h` or ISO-8601 (`PT15M`); at most"
          + " and by default the hour that is kept.";
  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smh])");

  private StatusWindow() {}

  /** The first instant of the window ending now; a 400 problem for a window that is not one. */
  public static Instant since(String window, Instant now) {
    return now.minus(parse(window));
  }

  static Duration parse(String window) {
    if (window == null || window.isBlank()) {
      return MAX;
    }
    Duration duration;
    Matcher m = SHORT.matcher(window.trim().toLowerCase(Locale.ROOT));
    try {
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        duration =
            switch (m.group(2)) {
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              default -> Duration.ofHours(amount);
            };
      } else {
        duration = Duration.parse(window.trim());
      }
    } catch (DateTimeParseException e) {
      throw invalid(window, "is not a duration such as 15m, 1h or PT15M");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw invalid(window, "must be longer than zero");
    }
    if (duration.compareTo(MAX) > 0) {
      throw invalid(window, "is longer than the hour of history that is kept");
    }
    return duration;
  }

  private static RuntimeException invalid(String window, String why) {
    return Problems.invalidRequest(
        "invalid query parameter window",
        List.of(
            new ProblemDetail.FieldError(
                "window", "invalid-window", "window '" + window + "' " + why)));
  }
}
