package dev.tributary.localruntime;

import dev.tributary.localruntime.worker.WorkerCommand;
import dev.tributary.localruntime.worker.WorkerProcess;
import dev.tributary.runtime.worker.WorkerStateClient;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and stops the workers of one pipeline's replica slots and restarts those that crash. A
 * worker's end is noticed through {@link Process#onExit()}, never by polling: a requested stop is
 * left alone; exit code 2 (the worker rejects the pipeline) is reported and not restarted; any
 * other exit is a crash, reported and restarted after a {@link
 * dev.tributary.localruntime.worker.RestartBackoff back-off}. Everything that changes a slot runs
 * on the pipeline's operations thread.
 */
final class WorkerSupervisor {

  private static final System.Logger LOG = System.getLogger(WorkerSupervisor.class.getName());
  private static final Duration READY_PROBE_INTERVAL = Duration.ofMillis(500);

  private final ManagedPipeline pipeline;
  private final LocalRuntimeSettings settings;
  private final ScheduledExecutorService timers;
  private final WorkerStateClient endpoints;
  private final LeftBehindWorkers leftBehindWorkers;

  WorkerSupervisor(
      ManagedPipeline pipeline,
      LocalRuntimeSettings settings,
      ScheduledExecutorService timers,
      WorkerStateClient endpoints,
      Instant runtimeStartedAt) {
    this.pipeline = pipeline;
    this.settings = settings;
    this.timers = timers;
    this.endpoints = endpoints;
    this.leftBehindWorkers = new LeftBehindWorkers(settings.workerJar(), runtimeStartedAt);
  }

  /** Starts a worker in {@code slot} with the revision that should run. */
  void start(ReplicaSlot slot) throws InterruptedException {
    start(slot, false);
  }

  private void start(ReplicaSlot slot, boolean afterCrash) throws InterruptedException {
    Deployment deployment = pipeline.running();
    PipelineFiles files = pipeline.files();
    endLeftBehind(files.pidFile(slot.index));
    Instant now = Instant.now();
    try {
      Path stateDirectory = files.stateDirectory(slot.index);
      Files.createDirectories(stateDirectory);
      WorkerCommand command =
          new WorkerCommand(
              settings.java(),
              settings.jvmOptions(),
              settings.workerJar(),
              environment(deployment, stateDirectory));
      WorkerProcess worker =
          WorkerProcess.start(
              command,
              files.log(slot.index),
              "---- "
                  + now
                  + " tributary local runtime: replica "
                  + slot.index
                  + ", revision "
                  + deployment.revision()
                  + (afterCrash ? ", restart " + (slot.restarts + 1) : ""),
              deployment.revision(),
              settings.logTailLines());
      Files.writeString(files.pidFile(slot.index), Long.toString(worker.pid()));
      pipeline.started(slot, worker, afterCrash);
      worker.exit().thenAccept(code -> onOperations(() -> exited(slot, worker, code)));
    } catch (IOException e) {
      Instant retryAt = now.plus(settings.restartBackoff().delay(slot.crashesInARow + 1));
      pipeline.couldNotStart(slot, e.toString(), retryAt, now);
      scheduleRestart(slot, retryAt);
    }
  }

  private Map<String, String> environment(Deployment deployment, Path stateDirectory) {
    Map<String, String> env = new LinkedHashMap<>(settings.workerEnvironment());
    env.put("TRIBUTARY_PIPELINE_FILE", deployment.pipelineFile().toString());
    env.put("TRIBUTARY_TEAM", deployment.pipeline().team());
    env.put("TRIBUTARY_TOPIC_PREFIX", deployment.pipeline().topicPrefix());
    env.put(
        "TRIBUTARY_STATE_GENERATION", Integer.toString(deployment.pipeline().stateGeneration()));
    env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
    if (settings.kafka().secured()) {
      // The pipeline's own identity, from a file only this host's user can read; never the
      // platform's.
      env.put(
          "TRIBUTARY_KAFKA_CLIENT_PROPERTIES", pipeline.files().kafkaClientProperties().toString());
    }
    env.put("TRIBUTARY_STATE_DIR", stateDirectory.toString());
    env.put("TRIBUTARY_HTTP_PORT", "0");
    return env;
  }

  /**
   * Stops the workers of {@code slots} gracefully, all at once (SIGTERM, then SIGKILL after the
   * grace period), and cancels their pending restarts.
   */
  void stop(List<ReplicaSlot> slots) throws InterruptedException {
    List<WorkerProcess> stopping = new ArrayList<>();
    for (ReplicaSlot slot : slots) {
      pipeline.cancelRestart(slot);
      WorkerProcess worker = pipeline.worker(slot);
      if (worker != null) {
        worker.requestStop();
        stopping.add(worker);
      }
    }
    for (int i = 0; i < stopping.size(); i++) {
      WorkerProcess worker = stopping.get(i);
      int code = worker.awaitStop(settings.stopGrace());
      for (ReplicaSlot slot : slots) {
        pipeline.exited(slot, worker, code);
      }
    }
  }

  /**
   * Waits until the worker in {@code slot} is ready, it ends, or the readiness timeout passes.
   *
   * @return whether it became ready
   */
  boolean awaitReady(ReplicaSlot slot) throws InterruptedException {
    WorkerProcess worker = pipeline.worker(slot);
    if (worker == null) {
      return false;
    }
    long deadline = System.nanoTime() + settings.readinessTimeout().toNanos();
    try {
      int port =
          worker.httpPort().get(settings.readinessTimeout().toMillis(), TimeUnit.MILLISECONDS);
      while (System.nanoTime() < deadline) {
        if (endpoints.isReady(port)) {
          pipeline.ready(slot, worker);
          return true;
        }
        try {
          // Waiting on the exit returns at once if the worker dies while starting.
          worker.exit().get(READY_PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
          return false;
        } catch (TimeoutException e) {
          // still starting: probe again
        }
      }
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private void exited(ReplicaSlot slot, WorkerProcess worker, int code) {
    if (!pipeline.exited(slot, worker, code) || worker.stopRequested()) {
      return;
    }
    Instant now = Instant.now();
    if (code == 2) {
      LOG.log(
          Level.WARNING,
          "pipeline {0}: replica {1} rejected its pipeline (exit code 2)",
          pipeline.key(),
          slot.index);
      pipeline.rejected(slot, worker, code, now);
      return;
    }
    boolean recovered =
        settings.restartBackoff().ranLongEnough(Duration.between(worker.startedAt(), now));
    int inARow = recovered ? 1 : slot.crashesInARow + 1;
    Instant restartAt = now.plus(settings.restartBackoff().delay(inARow));
    LOG.log(
        Level.WARNING,
        "pipeline {0}: replica {1} (pid {2}) exited with code {3}; restarting at {4}",
        pipeline.key(),
        slot.index,
        worker.pid(),
        code,
        restartAt);
    pipeline.crashed(slot, worker, code, inARow, restartAt, now);
    scheduleRestart(slot, restartAt);
  }

  private void scheduleRestart(ReplicaSlot slot, Instant at) {
    long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
    try {
      timers.schedule(() -> onOperations(() -> restart(slot, at)), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the runtime is closing
    }
  }

  /** Restarts the slot if it still waits for this restart and should run. */
  private void restart(ReplicaSlot slot, Instant plannedAt) throws InterruptedException {
    synchronized (pipeline) {
      if (!plannedAt.equals(slot.restartAt) || slot.worker != null) {
        return;
      }
      slot.restartAt = null;
    }
    if (pipeline.wanted(slot.index)) {
      start(slot, true);
    }
  }

  /**
   * Ends a worker of this slot that a previous run of the runtime left behind (it was killed before
   * it could stop its workers): two workers on one state directory would fight over its lock. The
   * runtime ends all of them when it starts; this catches one that escaped that sweep.
   */
  private void endLeftBehind(Path pidFile) throws InterruptedException {
    Optional<ProcessHandle> leftBehind = leftBehindWorkers.in(pidFile);
    if (leftBehind.isPresent()) {
      leftBehindWorkers.kill(leftBehind.get(), settings.stopGrace());
    }
  }

  /** Runs an action on the pipeline's operations thread, unless the pipeline is gone. */
  void onOperations(Interruptible action) {
    try {
      pipeline
          .operations()
          .execute(
              () -> {
                try {
                  action.run();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  LOG.log(Level.ERROR, "pipeline " + pipeline.key() + ": " + e, e);
                }
              });
    } catch (RejectedExecutionException e) {
      // deleted, or the runtime is closing: nothing to supervise any more
    }
  }

  /** An action that may wait. */
  @FunctionalInterface
  interface Interruptible {
    void run() throws InterruptedException;
  }
}
