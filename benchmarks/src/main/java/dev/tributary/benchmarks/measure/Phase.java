package dev.tributary.benchmarks.measure;

import java.time.Duration;

/**
 * A stretch of open-loop load at a fixed rate. Latencies of a warm-up phase are not recorded.
 *
 * @param name for instance {@code 50%}
 */
public record Phase(String name, double recordsPerSecond, Duration duration, boolean measured) {

  public static Phase warmUp(double recordsPerSecond, Duration duration) {
    return new Phase("warm-up", recordsPerSecond, duration, false);
  }

  public static Phase measured(String name, double recordsPerSecond, Duration duration) {
    return new Phase(name, recordsPerSecond, duration, true);
  }
}
