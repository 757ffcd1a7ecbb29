package dev.tributary.localruntime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Workers that a previous run of the runtime left behind because it was killed (SIGKILL, a crash of
 * its JVM) before it could stop them. They still consume and hold their state directories' locks; a
 * new runtime on the same root would start a second worker next to each. They are found through the
 * slots' pid files ({@code <root>/<team>/<name>/logs/replica-<i>.pid}), and only a process that
 * started before this runtime, runs the worker jar and — where {@code /proc} tells — has this
 * slot's state directory ({@code TRIBUTARY_STATE_DIR}) qualifies, so that a recycled process id
 * never ends someone else's process, not even a worker of another runtime on this host.
 */
final class LeftBehindWorkers {

  private static final System.Logger LOG = System.getLogger(LeftBehindWorkers.class.getName());

  private final Path workerJar;
  private final Instant runtimeStartedAt;

  LeftBehindWorkers(Path workerJar, Instant runtimeStartedAt) {
    this.workerJar = workerJar;
    this.runtimeStartedAt = runtimeStartedAt;
  }

  /** The left-behind worker whose pid is in {@code pidFile}, if there is one. */
  Optional<ProcessHandle> in(Path pidFile) {
    Path stateDirectory = stateDirectoryOf(pidFile);
    return readPid(pidFile)
        .flatMap(ProcessHandle::of)
        .filter(p -> p.info().startInstant().map(runtimeStartedAt::isAfter).orElse(false))
        .filter(
            p -> p.info().commandLine().map(c -> c.contains(workerJar.toString())).orElse(false))
        .filter(p -> stateDirectory(p).map(dir -> samePath(dir, stateDirectory)).orElse(true));
  }

  private static boolean samePath(String reported, Path expected) {
    try {
      return !reported.isEmpty()
          && Path.of(reported)
              .toAbsolutePath()
              .normalize()
              .equals(expected.toAbsolutePath().normalize());
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * {@code logs/replica-<i>.pid} → {@code state/replica-<i>} of the same pipeline (PipelineFiles).
   */
  private static Path stateDirectoryOf(Path pidFile) {
    String replica = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
    return pidFile.toAbsolutePath().getParent().getParent().resolve("state").resolve(replica);
  }

  /**
   * The worker's {@code TRIBUTARY_STATE_DIR}, from {@code /proc/<pid>/environ} on Linux; empty
   * where that cannot be read (another OS), and then the other checks decide alone.
   */
  private static Optional<String> stateDirectory(ProcessHandle process) {
    Path environ = Path.of("/proc", Long.toString(process.pid()), "environ");
    try {
      for (String variable :
          Files.readString(environ, java.nio.charset.StandardCharsets.ISO_8859_1).split("\0")) {
        if (variable.startsWith("TRIBUTARY_STATE_DIR=")) {
          return Optional.of(variable.substring("TRIBUTARY_STATE_DIR=".length()));
        }
      }
      return Optional.of("");
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The left-behind workers of every pipeline under {@code root}. */
  List<ProcessHandle> under(Path root) {
    List<ProcessHandle> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    // <root>/<team>/<name>/logs/replica-<i>.pid
    try (Stream<Path> files =
        Files.find(
            root,
            4,
            (path, attributes) ->
                attributes.isRegularFile()
                    && path.getFileName().toString().matches("replica-\\d+\\.pid")
                    && path.getParent().getFileName().toString().equals("logs"))) {
      files.forEach(pidFile -> in(pidFile).ifPresent(found::add));
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "cannot look for workers left behind under " + root + ": " + e.getMessage());
    }
    return found;
  }

  /**
   * Ends the workers left behind under {@code root}: all are asked to stop at once (SIGTERM: each
   * commits and leaves its group), and those still running after {@code grace} are killed.
   *
   * @return how many were ended
   */
  int endAll(Path root, Duration grace) throws InterruptedException {
    List<ProcessHandle> workers = under(root);
    for (ProcessHandle worker : workers) {
      LOG.log(
          Level.WARNING,
          "stopping worker pid {0} left behind by an earlier run of the local runtime",
          worker.pid());
      worker.destroy();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle worker : workers) {
      awaitEnd(worker, Math.max(0, deadline - System.nanoTime()));
    }
    return workers.size();
  }

  /** Kills one left-behind worker and waits for its end. */
  void kill(ProcessHandle worker, Duration wait) throws InterruptedException {
    LOG.log(
        Level.WARNING,
        "ending worker pid {0} left behind by an earlier run of the local runtime",
        worker.pid());
    worker.destroyForcibly();
    awaitEnd(worker, wait.toNanos());
  }

  private static void awaitEnd(ProcessHandle worker, long nanos) throws InterruptedException {
    try {
      worker.onExit().get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      worker.destroyForcibly();
      try {
        worker.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException again) {
        LOG.log(Level.WARNING, "worker pid {0} did not end", worker.pid());
      }
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "worker pid {0}: {1}", worker.pid(), e.getMessage());
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Files.exists(pidFile)
          ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
