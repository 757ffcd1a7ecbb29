package dev.tributary.benchmarks.measure;

/**
 * One throughput run: input records per second over the measured seconds, the CPU time of the
 * contender's threads per input record, the broker's CPU time per input record over the same
 * interval, where its commits spent their time over it, and the check of its output.
 */
public record ThroughputResult(
    double recordsPerSecond,
    double seconds,
    double cpuMicrosPerRecord,
    double brokerCpuMicrosPerRecord,
    CommitTimes commits,
    Verdict verdict) {

  /** A run that measured nothing: it failed, or its output was wrong. */
  public static ThroughputResult failed(Verdict verdict) {
    return new ThroughputResult(0, 0, 0, 0, CommitTimes.NONE, verdict);
  }
}
