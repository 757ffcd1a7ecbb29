package dev.tributary.runtime.status;

/**
 * Throughput over one collection interval, ending at {@code at} (RFC 3339).
 *
 * @param inRecordsPerSecond records the pipeline consumed (advance of its committed offsets)
 * @param outRecordsPerSecond records written to its sink topics (advance of their end offsets)
 */
public record RatePoint(String at, double inRecordsPerSecond, double outRecordsPerSecond) {}
