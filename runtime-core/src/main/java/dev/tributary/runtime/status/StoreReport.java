package dev.tributary.runtime.status;

/**
 * One state store of a pipeline, summed over the replicas that hold it (standby copies included, so
 * sizes are the disk the pipeline uses).
 *
 * @param status the worst over the replicas: restoring, then standby, then ready
 * @param remainingRecords changelog records still to restore, over all replicas
 * @param restoreProgress restored / (restored + remaining), 1.0 when nothing is restoring
 * @param replicas replicas that reported this store
 */
public record StoreReport(
    String name,
    String kind,
    long approximateEntries,
    long sizeOnDiskBytes,
    String status,
    long restoredRecords,
    long remainingRecords,
    double restoreProgress,
    int activeTasks,
    int standbyTasks,
    int replicas) {}
