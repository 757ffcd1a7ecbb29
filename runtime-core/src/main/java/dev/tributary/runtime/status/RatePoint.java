package dev.tributary.runtime.status;

/**
 * One collection of a pipeline's status history: throughput over the interval ending at {@code at}
 * (RFC 3339), and the lag at that moment.
 *
 * @param inRecordsPerSecond records the pipeline consumed (advance of its committed offsets)
 * @param outRecordsPerSecond records written to its sink topics (what its workers report, or the
 *     advance of the sinks' end offsets)
 * @param lagRecords records behind, summed over the input partitions
 * @param lagSeconds how far behind in time: the largest partition's lag in seconds
 */
public record RatePoint(
    String at,
    double inRecordsPerSecond,
    double outRecordsPerSecond,
    long lagRecords,
    double lagSeconds) {}
