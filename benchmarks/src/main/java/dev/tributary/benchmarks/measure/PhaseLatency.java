package dev.tributary.benchmarks.measure;

/**
 * End-to-end latency in one phase of the load.
 *
 * @param offeredRecordsPerSecond the rate the load was scheduled at
 * @param senderWorstDelayMillis how late the load generator sent its worst record; large values
 *     mean the machine could not even generate the load on time
 */
public record PhaseLatency(
    String phase,
    double offeredRecordsPerSecond,
    long p50Millis,
    long p99Millis,
    long senderWorstDelayMillis) {}
