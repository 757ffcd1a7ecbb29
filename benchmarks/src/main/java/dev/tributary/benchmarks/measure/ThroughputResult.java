package dev.tributary.benchmarks.measure;

/**
 * One throughput run: input records per second over the measured seconds, the CPU time of the
 * contender's threads per input record, and the check of its output.
 */
public record ThroughputResult(
    double recordsPerSecond, double seconds, double cpuMicrosPerRecord, Verdict verdict) {}
