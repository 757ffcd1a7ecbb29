package dev.tributary.worker.runtime;

import java.util.List;

/**
 * What the worker's {@code /state} endpoint reports: the Kafka Streams client state, its threads,
 * its state stores with restore progress, the dead-letter count and the last error.
 */
public record WorkerState(
    String pipeline,
    String applicationId,
    String state,
    List<ThreadHealth> threads,
    List<StoreHealth> stores,
    long deadLetteredRecords,
    ErrorReport lastError) {

  /** The last uncaught error of a stream thread. */
  public record ErrorReport(String at, String thread, String message) {}
}
