package dev.tributary.runtime.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One replica slot of a pipeline: the worker process in it now, if any, and its history.
 *
 * @param replica the slot number; its state directory and log are kept across restarts
 * @param process starting, running, stopping, waiting-to-restart, stopped or failed
 * @param ready whether its Kafka Streams client is RUNNING (from the last probe)
 * @param streamsState the Kafka Streams client state the worker reported last
 * @param restarts restarts after crashes since the slot was first started
 * @param lastExitCode the exit code of the previous process in this slot
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerReport(
    int replica,
    Long pid,
    Integer httpPort,
    Long revision,
    String process,
    boolean ready,
    String streamsState,
    List<ThreadReport> threads,
    int restarts,
    Integer lastExitCode,
    String startedAt,
    String logFile) {

  public WorkerReport {
    threads = List.copyOf(threads);
  }
}
