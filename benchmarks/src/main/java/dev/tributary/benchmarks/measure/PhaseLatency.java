package dev.tributary.benchmarks.measure;

import java.time.Duration;

/**
 * End-to-end latency in one phase of the load.
 *
 * @param offeredRecordsPerSecond the rate the load was scheduled at
 * @param senderWorstDelayMillis how late the load generator sent its worst record; large values
 *     mean the machine could not even generate the load on time
 * @param openingP50Millis the median latency of the records due in the phase's first fifth
 * @param closingP50Millis the median latency of the records due in the phase's last fifth
 */
public record PhaseLatency(
    String phase,
    double offeredRecordsPerSecond,
    long p50Millis,
    long p99Millis,
    long senderWorstDelayMillis,
    long openingP50Millis,
    long closingP50Millis) {

  /**
   * Whether the contender kept pace with the load through the phase: a contender that falls behind
   * builds a backlog, and the latency of the records due at the phase's end grows with it, while
   * one that keeps pace gives them about the latency of the records due at its start.
   *
   * @param allowance how much higher the closing median may be, for the commits' and the machine's
   *     jitter
   */
  public boolean keptUp(Duration allowance) {
    return closingP50Millis - openingP50Millis <= allowance.toMillis();
  }
}
