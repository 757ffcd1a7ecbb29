package dev.tributary.worker.runtime;

import java.util.List;

/**
 * What the worker's {@code /state} endpoint reports: the Kafka Streams client state, its threads,
 * its state stores with restore progress, the dead-letter count, the records written to the
 * pipeline's sinks and the last error.
 *
 * @param sinkRecords records this worker process has written to the pipeline's sink topics since it
 *     started (dead letters and internal topics not included); it never decreases while the process
 *     lives, also when a stream thread is replaced
 */
public record WorkerState(
    String pipeline,
    String applicationId,
    String state,
    List<ThreadHealth> threads,
    List<StoreHealth> stores,
    long deadLetteredRecords,
    long sinkRecords,
    ErrorReport lastError) {

  /** The last uncaught error of a stream thread. */
  public record ErrorReport(String at, String thread, String message) {}
}
