package dev.tributary.worker.runtime;

/**
 * Health of one state store on this worker, summed over the tasks that hold it.
 *
 * @param kind key-value, window, session or versioned
 * @param status ready, restoring (an active task is catching up from its changelog) or standby
 * @param remainingRecords changelog records still to restore (0 when ready)
 */
public record StoreHealth(
    String name,
    String kind,
    long approximateEntries,
    long sizeOnDiskBytes,
    String status,
    long restoredRecords,
    long remainingRecords,
    int activeTasks,
    int standbyTasks) {}
