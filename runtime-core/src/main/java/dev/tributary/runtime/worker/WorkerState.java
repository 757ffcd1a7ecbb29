package dev.tributary.runtime.worker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a worker's {@code /state} endpoint answers (docs/worker.md): the Kafka Streams client state,
 * its threads, its state stores with restore progress, the dead-letter count, the records written
 * to the pipeline's sinks and the last error. Fields the worker adds later are ignored.
 *
 * @param sinkRecords records the worker process wrote to the sinks since it started; null from a
 *     worker that does not report it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerState(
    String pipeline,
    String applicationId,
    String state,
    List<StreamThread> threads,
    List<Store> stores,
    long deadLetteredRecords,
    Long sinkRecords,
    ErrorReport lastError) {

  public WorkerState {
    threads = threads == null ? List.of() : List.copyOf(threads);
    stores = stores == null ? List.of() : List.copyOf(stores);
  }

  public boolean running() {
    return "RUNNING".equals(state);
  }

  /** One Kafka Streams thread. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StreamThread(String name, String state) {}

  /** One state store on this worker, summed over its tasks. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Store(
      String name,
      String kind,
      long approximateEntries,
      long sizeOnDiskBytes,
      String status,
      long restoredRecords,
      long remainingRecords,
      int activeTasks,
      int standbyTasks) {}

  /** The last uncaught error of a stream thread. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ErrorReport(String at, String thread, String message) {}
}
