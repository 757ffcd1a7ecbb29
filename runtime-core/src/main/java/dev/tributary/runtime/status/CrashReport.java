package dev.tributary.runtime.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The last time a worker of the pipeline exited without being asked to.
 *
 * @param exitCode 1 for a Kafka Streams error, 2 for an invalid pipeline, 137 for SIGKILL…
 * @param logTail the last lines the worker printed
 * @param restartAt when it is restarted (RFC 3339); null when it is not (exit code 2)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrashReport(
    int replica, long pid, int exitCode, String at, List<String> logTail, String restartAt) {

  public CrashReport {
    logTail = List.copyOf(logTail);
  }
}
