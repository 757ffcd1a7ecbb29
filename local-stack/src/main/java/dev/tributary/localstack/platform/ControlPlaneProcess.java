package dev.tributary.localstack.platform;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.tributary.localstack.process.Deadline;
import dev.tributary.localstack.process.JavaLauncher;
import dev.tributary.localstack.process.LogFiles;
import dev.tributary.localstack.process.Ports;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control plane (its Quarkus fast-jar, {@code quarkus-run.jar}) in its own JVM, with its log in
 * a file. Stopping it sends SIGTERM, on which it stops its workers gracefully; what is still alive
 * after the grace period — the control plane or any worker it started — is killed. {@link
 * LocalPlatform} runs it, and so do the control plane's tests that need it as a process of its own.
 */
public final class ControlPlaneProcess implements AutoCloseable {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration STOP_GRACE = Duration.ofSeconds(90);
  private static final int LOG_TAIL_LINES = 40;

  private final Process process;
  private final Path logFile;
  private final int port;
  private boolean stopped;

  private ControlPlaneProcess(Process process, Path logFile, int port) {
    this.process = process;
    this.logFile = logFile;
    this.port = port;
  }

  /**
   * Starts the control plane and waits until {@code /q/health/ready} answers UP.
   *
   * @param environment its settings (docs/operations.md), added to this JVM's environment
   */
  public static ControlPlaneProcess start(
      Path jar, int port, Map<String, String> environment, Path logFile, Duration timeout) {
    Ports.requireFree(port, PlatformException::new);
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(logFile, ""); // one run per file: the tail shown on failure is this run's
    } catch (IOException e) {
      throw new PlatformException("Cannot write the control plane's log " + logFile, e);
    }
    List<String> command = new ArrayList<>();
    command.add(JavaLauncher.path().toString());
    // Small and steady: the control plane holds the catalog and the metrics of the local
    // pipelines, not their data.
    command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(JavaLauncher.quietOptions());
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(jar.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PlatformException("Cannot start the control plane (" + jar + ")", e);
    }
    ControlPlaneProcess controlPlane = new ControlPlaneProcess(process, logFile, port);
    try {
      controlPlane.awaitReady(Deadline.in(timeout));
      return controlPlane;
    } catch (RuntimeException e) {
      controlPlane.close();
      throw e;
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  Process process() {
    return process;
  }

  public Path logFile() {
    return logFile;
  }

  private void awaitReady(Deadline deadline) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://" + Ports.HOST + ":" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      while (true) {
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // the next poll tells
        }
        if (process.waitFor(POLL_INTERVAL.toMillis(), MILLISECONDS)) {
          throw failure(
              "The control plane exited with code " + process.exitValue() + " while starting");
        }
        if (deadline.hasPassed()) {
          throw failure("The control plane did not become ready within " + deadline.timeout());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("Interrupted while waiting for the control plane", e);
    }
  }

  private PlatformException failure(String reason) {
    return new PlatformException(
        "%s. Last lines of %s:\n%s"
            .formatted(reason, logFile, LogFiles.tail(logFile, LOG_TAIL_LINES)));
  }

  /**
   * Kills the control plane as a crash would (SIGKILL: no shutdown, its workers left running, as
   * after a crash) and returns once it is gone. For tests of what survives a crash.
   */
  public synchronized void kill() throws InterruptedException {
    stopped = true;
    process.destroyForcibly().waitFor();
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), SECONDS)) {
        process.destroyForcibly().waitFor(10, SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    // Workers the control plane started and did not stop (it was killed, or it hung).
    for (ProcessHandle worker : workers) {
      if (worker.isAlive()) {
        worker.destroyForcibly();
      }
    }
  }
}
