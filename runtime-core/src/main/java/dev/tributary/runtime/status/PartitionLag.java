package dev.tributary.runtime.status;

import dev.tributary.pipeline.scaling.LagStatus;

/**
 * Lag of one input partition at the last collection.
 *
 * @param endOffset the last stable offset (what read_committed consumers can reach)
 * @param committedOffset where the pipeline's group has committed; 0 when it has not yet
 * @param lagSeconds how far behind in time, estimated from the consumption rate in the window
 */
public record PartitionLag(
    String topic,
    int partition,
    long endOffset,
    long committedOffset,
    long lag,
    double lagSeconds,
    LagStatus status) {}
