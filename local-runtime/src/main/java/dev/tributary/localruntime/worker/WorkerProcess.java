package dev.tributary.localruntime.worker;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running worker JVM. Its output goes through this process (not straight to a file) so that the
 * HTTP port it prints and its last lines are known without reading the log back; every line is
 * appended to the replica's log file as it comes.
 *
 * <p>{@link #exit()} completes when the process has ended and all its output has been read, so a
 * crash report holds the worker's last words. A thread of this class waits for the end ({@link
 * Process#waitFor()}) rather than {@link Process#onExit()}, which completes on the common fork-join
 * pool: one long task anywhere in the JVM would delay noticing a crash.
 */
public final class WorkerProcess {

  private static final Pattern HTTP_PORT =
      Pattern.compile("^tributary worker: pipeline \\S+, http port (\\d+)$");

  private final Process process;
  private final long revision;
  private final Instant startedAt;
  private final LogTail tail;
  private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();
  private final CompletableFuture<Void> outputRead = new CompletableFuture<>();
  private final CompletableFuture<Integer> ended = new CompletableFuture<>();
  private final CompletableFuture<Integer> exit;
  private volatile boolean stopRequested;

  private WorkerProcess(Process process, long revision, int tailLines) {
    this.process = process;
    this.revision = revision;
    this.startedAt = Instant.now();
    this.tail = new LogTail(tailLines);
    this.exit = ended.thenCombine(outputRead, (code, read) -> code);
  }

  /**
   * @param header a first line for the log, saying which start of the replica follows
   */
  public static WorkerProcess start(
      WorkerCommand command, Path log, String header, long revision, int tailLines)
      throws IOException {
    Files.createDirectories(log.getParent());
    BufferedWriter out =
        Files.newBufferedWriter(
            log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    out.write(header);
    out.newLine();
    out.flush();
    Process process;
    try {
      process = command.processBuilder().start();
    } catch (IOException e) {
      out.close();
      throw e;
    }
    WorkerProcess worker = new WorkerProcess(process, revision, tailLines);
    Thread.ofPlatform()
        .daemon()
        .name("worker-output-" + process.pid())
        .start(() -> worker.copyOutput(out));
    Thread.ofPlatform().daemon().name("worker-exit-" + process.pid()).start(worker::awaitEnd);
    return worker;
  }

  private void awaitEnd() {
    while (!ended.isDone()) {
      try {
        ended.complete(process.waitFor());
      } catch (InterruptedException e) {
        // Nothing interrupts this thread on purpose; keep waiting for the process.
      }
    }
  }

  private void copyOutput(BufferedWriter out) {
    try (out;
        BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        tail.add(line);
        if (!httpPort.isDone()) {
          Matcher port = HTTP_PORT.matcher(line);
          if (port.matches()) {
            httpPort.complete(Integer.parseInt(port.group(1)));
          }
        }
      }
    } catch (IOException e) {
      tail.add(
          "(the local runtime could not read or write this worker's output: "
              + e.getMessage()
              + ")");
    } finally {
      httpPort.completeExceptionally(
          new IllegalStateException("the worker ended before it printed its http port"));
      outputRead.complete(null);
    }
  }

  public long pid() {
    return process.pid();
  }

  public long revision() {
    return revision;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The port of the worker's endpoints, once it has printed it. */
  public CompletableFuture<Integer> httpPort() {
    return httpPort;
  }

  /**
   * The worker's HTTP port once it printed it; null before, and null for a worker that ended
   * without printing it (its status is then read from its exit, not its endpoints).
   */
  public Integer httpPortIfKnown() {
    return httpPort.isDone() && !httpPort.isCompletedExceptionally() ? httpPort.join() : null;
  }

  /** Completes with the exit code once the process has ended and its output is read. */
  public CompletableFuture<Integer> exit() {
    return exit;
  }

  public boolean stopRequested() {
    return stopRequested;
  }

  public LogTail tail() {
    return tail;
  }

  /** SIGTERM: the worker commits, leaves its group and exits with 0. */
  public void requestStop() {
    stopRequested = true;
    process.destroy();
  }

  /**
   * Waits for a requested stop; a worker that has not ended within {@code grace} is killed.
   *
   * @return the exit code
   */
  public int awaitStop(Duration grace) throws InterruptedException {
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return exit.join();
  }

  /** SIGKILL, without asking: for a worker that must not outlive the runtime. */
  public void kill() {
    stopRequested = true;
    process.destroyForcibly();
  }
}
