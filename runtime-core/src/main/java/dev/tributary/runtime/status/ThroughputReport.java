package dev.tributary.runtime.status;

import java.util.List;

/**
 * Records per second in and out, now and over the last hour.
 *
 * @param intervalSeconds the time between two points of the series
 * @param series oldest first, at most an hour of points
 */
public record ThroughputReport(
    double inRecordsPerSecond,
    double outRecordsPerSecond,
    long intervalSeconds,
    List<RatePoint> series) {

  public ThroughputReport {
    series = List.copyOf(series);
  }
}
