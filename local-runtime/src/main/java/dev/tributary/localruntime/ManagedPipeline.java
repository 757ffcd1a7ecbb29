package dev.tributary.localruntime;

import dev.tributary.localruntime.worker.WorkerProcess;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.scaling.ScalingDecision;
import dev.tributary.runtime.condition.ConditionReason;
import dev.tributary.runtime.condition.ConditionSet;
import dev.tributary.runtime.metrics.MonitoredPipeline;
import dev.tributary.runtime.metrics.PipelineMetrics;
import dev.tributary.runtime.metrics.StateStoreHealth;
import dev.tributary.runtime.status.CrashReport;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.status.StoreReport;
import dev.tributary.runtime.status.ThreadReport;
import dev.tributary.runtime.status.WorkerReport;
import dev.tributary.runtime.topic.TopicProvisioning;
import dev.tributary.runtime.worker.WorkerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * One pipeline as the local runtime runs it: the revision applied and the one the workers run, the
 * replica slots, the conditions, and what was measured. Operations that change what runs (apply,
 * pause, scale…) run one at a time on {@link #operations()}; every field is guarded by this
 * object's lock, which is never held while waiting for a process or for Kafka.
 */
final class ManagedPipeline implements MonitoredPipeline {

  private final PipelineKey key;
  private String applicationId;
  private final PipelineFiles files;
  private final ExecutorService operations;
  private final PipelineMetrics metrics;
  private final ConditionSet conditions = new ConditionSet();
  private final List<ReplicaSlot> slots = new ArrayList<>();
  private Deployment applied;
  private Deployment running;
  private ReplicaBounds bounds;
  private Long deployedRevision;
  private int desiredReplicas;
  private boolean paused;
  private boolean deleting;
  private boolean retiring;
  private String rollout;
  private boolean resetting;

  /** Whether every wanted worker has been ready since the workers were last (re)started. */
  private boolean settled;

  private CrashReport lastCrash;
  private List<StoreReport> stores = List.of();
  private long deadLetteredRecords;
  private String workerError;
  private Instant observedAt;

  ManagedPipeline(
      PipelineKey key,
      String applicationId,
      PipelineFiles files,
      ExecutorService operations,
      PipelineMetrics metrics) {
    this.key = key;
    this.applicationId = applicationId;
    this.files = files;
    this.operations = operations;
    this.metrics = metrics;
  }

  PipelineKey key() {
    return key;
  }

  PipelineFiles files() {
    return files;
  }

  ExecutorService operations() {
    return operations;
  }

  @Override
  public PipelineMetrics metrics() {
    return metrics;
  }

  @Override
  public synchronized String group() {
    return applicationId;
  }

  /** The application id (and consumer group) of the generation of the state that runs now. */
  synchronized void applicationId(String id) {
    applicationId = id;
  }

  /** Whether every wanted worker of the deployed revision is ready, so earlier state may go. */
  synchronized boolean runningSettled() {
    if (running == null || paused || deleting || rollout != null || desiredReplicas == 0) {
      return false;
    }
    if (deployedRevision == null || deployedRevision != running.revision()) {
      return false;
    }
    int ready = 0;
    for (ReplicaSlot slot : slots) {
      ready += slot.worker != null && slot.ready ? 1 : 0;
    }
    return ready >= desiredReplicas;
  }

  @Override
  public synchronized Set<String> inputTopics() {
    Deployment d = running != null ? running : applied;
    return d == null ? Set.of() : d.inputTopics();
  }

  @Override
  public synchronized Set<String> outputTopics() {
    Deployment d = running != null ? running : applied;
    return d == null ? Set.of() : d.outputTopics();
  }

  // ---- what is applied and what runs

  synchronized void applied(Deployment deployment, Instant now) {
    applied = deployment;
    conditions.set(
        Condition.VALID,
        true,
        ConditionReason.VALIDATED,
        "revision " + deployment.revision() + " is valid",
        now);
    conditions.set(
        Condition.TOPICS_READY,
        "Unknown",
        ConditionReason.PROVISIONING,
        "creating or checking the topics",
        now);
  }

  synchronized void topicsReady(TopicProvisioning topics, Instant now) {
    String changes = topics.changes();
    conditions.set(
        Condition.TOPICS_READY,
        true,
        ConditionReason.TOPICS_PROVISIONED,
        changes.isEmpty() ? "every topic exists as planned" : changes,
        now);
  }

  synchronized void topicsFailed(String problem, Instant now) {
    conditions.set(
        Condition.TOPICS_READY,
        false,
        ConditionReason.TOPIC_PROVISIONING_FAILED,
        problem
            + (running == null ? "" : "; the workers keep running revision " + running.revision()),
        now);
  }

  synchronized void run(Deployment deployment, int replicas) {
    if (running == null) {
      settled = false;
    }
    running = deployment;
    bounds = deployment.bounds();
    desiredReplicas = replicas;
  }

  synchronized Deployment running() {
    return running;
  }

  synchronized Deployment applied() {
    return applied;
  }

  synchronized int desiredReplicas() {
    return desiredReplicas;
  }

  synchronized void desiredReplicas(int replicas) {
    desiredReplicas = replicas;
  }

  synchronized boolean paused() {
    return paused;
  }

  synchronized void paused(boolean value) {
    paused = value;
    settled = false;
  }

  /**
   * Marks (or unmarks) the removal of earlier generations as under way.
   *
   * @return whether the mark changed
   */
  synchronized boolean retiring(boolean value) {
    boolean changed = retiring != value;
    retiring = value;
    return changed;
  }

  synchronized boolean deleting() {
    return deleting;
  }

  synchronized void deleting(boolean value) {
    deleting = value;
  }

  /** Whether workers may run at all: a revision is deployed, valid, neither paused nor deleted. */
  synchronized boolean mayRun() {
    return !paused && !deleting && running != null && !conditions.isFalse(Condition.VALID);
  }

  /** Whether a worker should run in slot {@code index} now. */
  synchronized boolean wanted(int index) {
    return mayRun() && index < desiredReplicas;
  }

  synchronized void rolloutStarted(String description) {
    rollout = description;
  }

  /** A rollout that starts a new generation of the state: {@code Ready=False ResettingState}. */
  synchronized void resetStarted(String description) {
    rollout = description;
    resetting = true;
  }

  synchronized void rolloutFinished(long revision) {
    rollout = null;
    resetting = false;
    deployedRevision = revision;
  }

  synchronized void rolloutStalled(String problem, Instant now) {
    rollout = null;
    resetting = false;
    conditions.set(Condition.REPLICA_FAILURE, true, ConditionReason.ROLLOUT_STALLED, problem, now);
  }

  // ---- replica slots

  synchronized ReplicaSlot slot(int index) {
    while (slots.size() <= index) {
      slots.add(new ReplicaSlot(slots.size()));
    }
    return slots.get(index);
  }

  synchronized List<ReplicaSlot> slots() {
    return List.copyOf(slots);
  }

  synchronized List<ReplicaSlot> slotsFrom(int index) {
    return index >= slots.size() ? List.of() : List.copyOf(slots.subList(index, slots.size()));
  }

  synchronized WorkerProcess worker(ReplicaSlot slot) {
    return slot.worker;
  }

  synchronized boolean restartPending(ReplicaSlot slot) {
    return slot.restartAt != null;
  }

  synchronized void started(ReplicaSlot slot, WorkerProcess worker, boolean afterCrash) {
    slot.worker = worker;
    slot.ready = false;
    slot.reported = null;
    slot.restartAt = null;
    slot.rejected = false;
    if (afterCrash) {
      slot.restarts++;
    }
  }

  /**
   * @return whether {@code worker} was the slot's current worker
   */
  synchronized boolean exited(ReplicaSlot slot, WorkerProcess worker, int exitCode) {
    if (slot.worker != worker) {
      return false;
    }
    slot.worker = null;
    slot.ready = false;
    slot.reported = null;
    slot.lastExitCode = exitCode;
    return true;
  }

  synchronized void ready(ReplicaSlot slot, WorkerProcess worker) {
    if (slot.worker == worker) {
      slot.ready = true;
    }
  }

  synchronized void cancelRestart(ReplicaSlot slot) {
    slot.restartAt = null;
  }

  /** A worker ended without being asked to; it restarts at {@code restartAt}. */
  synchronized void crashed(
      ReplicaSlot slot,
      WorkerProcess worker,
      int exitCode,
      int crashesInARow,
      Instant restartAt,
      Instant now) {
    slot.crashesInARow = crashesInARow;
    slot.restartAt = restartAt;
    List<String> tail = worker.tail().lines();
    lastCrash =
        new CrashReport(
            slot.index, worker.pid(), exitCode, now.toString(), tail, restartAt.toString());
    ConditionReason reason =
        exitCode == 0 ? ConditionReason.WORKER_STOPPED : ConditionReason.WORKER_CRASHED;
    conditions.set(
        Condition.REPLICA_FAILURE,
        true,
        reason,
        "replica "
            + slot.index
            + " (pid "
            + worker.pid()
            + ") exited with code "
            + exitCode
            + " after "
            + Duration.between(worker.startedAt(), now).toSeconds()
            + "s; restart "
            + (slot.restarts + 1)
            + " at "
            + restartAt
            + " (crash "
            + crashesInARow
            + " in a row)"
            + lastLines(tail),
        now);
  }

  /** A worker refused its pipeline (exit code 2): restarting would not help. */
  synchronized void rejected(ReplicaSlot slot, WorkerProcess worker, int exitCode, Instant now) {
    slot.rejected = true;
    slot.restartAt = null;
    List<String> tail = worker.tail().lines();
    lastCrash = new CrashReport(slot.index, worker.pid(), exitCode, now.toString(), tail, null);
    String message =
        "the worker rejected revision "
            + worker.revision()
            + " (exit code 2) and is not restarted"
            + lastLines(tail);
    conditions.set(Condition.VALID, false, ConditionReason.WORKER_REJECTED_PIPELINE, message, now);
    conditions.set(Condition.REPLICA_FAILURE, true, ConditionReason.INVALID_PIPELINE, message, now);
  }

  synchronized void couldNotStart(
      ReplicaSlot slot, String problem, Instant restartAt, Instant now) {
    slot.crashesInARow++;
    slot.restartAt = restartAt;
    conditions.set(
        Condition.REPLICA_FAILURE,
        true,
        ConditionReason.WORKER_NOT_STARTED,
        "replica "
            + slot.index
            + " could not be started: "
            + problem
            + "; next try at "
            + restartAt,
        now);
  }

  private static String lastLines(List<String> tail) {
    return tail.isEmpty()
        ? ""
        : "; last lines:\n"
            + String.join("\n", tail.subList(Math.max(0, tail.size() - 10), tail.size()));
  }

  // ---- what the collection measured

  /** What the running workers answered at one collection; those that did not are absent. */
  synchronized void reported(Map<WorkerProcess, WorkerState> states, Instant now) {
    observedAt = now;
    for (ReplicaSlot slot : slots) {
      WorkerState state = slot.worker == null ? null : states.get(slot.worker);
      slot.reported = state;
      if (state != null) {
        slot.ready = state.running();
      }
    }
    List<WorkerState> all = new ArrayList<>(states.values());
    Map<WorkerProcess, Long> written = new HashMap<>();
    states.forEach(
        (worker, state) -> {
          if (state.sinkRecords() != null) {
            written.put(worker, state.sinkRecords());
          }
        });
    if (!written.isEmpty() || states.isEmpty()) {
      metrics().written(now, written);
    }
    stores = StateStoreHealth.across(all);
    deadLetteredRecords = all.stream().mapToLong(WorkerState::deadLetteredRecords).sum();
    all.stream()
        .map(WorkerState::lastError)
        .filter(e -> e != null)
        .max((a, b) -> String.valueOf(a.at()).compareTo(String.valueOf(b.at())))
        .ifPresent(e -> workerError = e.at() + " " + e.thread() + ": " + e.message());
  }

  synchronized void scaling(ScalingDecision decision, ReplicaBounds bounds, Instant now) {
    this.bounds = bounds;
    String message =
        decision.reason()
            + (bounds.cappedByPartitions()
                ? "; at most "
                    + bounds.max()
                    + " replicas: the inputs have "
                    + bounds.tasks()
                    + " partitions"
                : "");
    if (decision.replicas() > desiredReplicas) {
      conditions.set(Condition.SCALING, true, ConditionReason.SCALING_UP, message, now);
    } else if (decision.replicas() < desiredReplicas) {
      conditions.set(Condition.SCALING, true, ConditionReason.SCALING_DOWN, message, now);
    } else {
      conditions.set(
          Condition.SCALING,
          false,
          bounds.cappedByPartitions()
              ? ConditionReason.CAPPED_BY_PARTITIONS
              : ConditionReason.STABLE,
          message,
          now);
    }
  }

  /** A failure is over once every wanted replica has run for {@code stableAfter}. */
  synchronized void settle(Duration stableAfter, Instant now) {
    boolean failing =
        conditions.get(Condition.REPLICA_FAILURE).map(Condition::isTrue).orElse(false);
    if (!failing || conditions.isFalse(Condition.VALID)) {
      return;
    }
    for (int i = 0; i < desiredReplicas && !paused; i++) {
      ReplicaSlot slot = i < slots.size() ? slots.get(i) : null;
      if (slot == null
          || slot.worker == null
          || !slot.ready
          || Duration.between(slot.worker.startedAt(), now).compareTo(stableAfter) < 0) {
        return;
      }
    }
    conditions.set(
        Condition.REPLICA_FAILURE,
        false,
        ConditionReason.WORKERS_STABLE,
        "every replica has run for " + stableAfter.toSeconds() + "s since the last failure",
        now);
  }

  // ---- the report

  synchronized PipelineReport report(Instant now) {
    int live = 0;
    int ready = 0;
    int restarts = 0;
    List<WorkerReport> workers = new ArrayList<>();
    for (ReplicaSlot slot : slots) {
      live += slot.worker != null ? 1 : 0;
      ready += slot.worker != null && slot.ready ? 1 : 0;
      restarts += slot.restarts;
      workers.add(workerReport(slot));
    }
    int desired = paused ? 0 : desiredReplicas;
    updateReady(ready, desired, now);
    if (!conditions.get(Condition.REPLICA_FAILURE).isPresent()) {
      conditions.set(
          Condition.REPLICA_FAILURE,
          false,
          ConditionReason.NO_FAILURES,
          "no worker has failed",
          now);
    }
    PipelineStatus status =
        new PipelineStatus(
            null,
            phase(ready, desired),
            conditions.list(),
            live,
            ready,
            desired,
            null,
            deployedRevision);
    Deployment d = applied != null ? applied : running;
    String lastError =
        workerError != null
            ? workerError
            : lastCrash == null
                ? null
                : "replica "
                    + lastCrash.replica()
                    + " exited with code "
                    + lastCrash.exitCode()
                    + " at "
                    + lastCrash.at();
    return new PipelineReport(
        key.team(),
        key.name(),
        applicationId,
        d == null ? 0 : d.revision(),
        status,
        bounds == null ? 0 : bounds.min(),
        bounds == null ? 0 : bounds.max(),
        metrics.lag(),
        metrics.throughput(),
        stores,
        workers,
        restarts,
        lastCrash,
        lastError,
        deadLetteredRecords,
        (observedAt == null ? now : observedAt).toString());
  }

  private WorkerReport workerReport(ReplicaSlot slot) {
    WorkerProcess w = slot.worker;
    List<ThreadReport> threads =
        slot.reported == null
            ? List.of()
            : slot.reported.threads().stream()
                .map(t -> new ThreadReport(t.name(), t.state()))
                .toList();
    return new WorkerReport(
        slot.index,
        w == null ? null : w.pid(),
        w == null ? null : w.httpPortIfKnown(),
        w == null ? null : w.revision(),
        slot.process(),
        w != null && slot.ready,
        slot.reported == null ? null : slot.reported.state(),
        threads,
        slot.restarts,
        slot.lastExitCode,
        w == null ? null : w.startedAt().toString(),
        files.log(slot.index).toString());
  }

  private void updateReady(int ready, int desired, Instant now) {
    if (deleting) {
      conditions.set(
          Condition.READY, false, ConditionReason.DELETING, "the pipeline is being deleted", now);
    } else if (paused) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.PAUSED,
          "paused: no workers run; topics and state are kept",
          now);
    } else if (rollout != null) {
      conditions.set(
          Condition.READY,
          false,
          resetting ? ConditionReason.RESETTING_STATE : ConditionReason.ROLLING_UPDATE,
          rollout,
          now);
    } else if (running == null) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.NOT_DEPLOYED,
          "no revision could be deployed yet",
          now);
    } else if (desired == 0) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.NO_REPLICAS,
          "the pipeline is scaled to zero replicas",
          now);
    } else if (ready >= desired) {
      conditions.set(
          Condition.READY,
          true,
          ConditionReason.WORKERS_READY,
          ready + " of " + desired + " workers are ready",
          now);
    } else {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.WORKERS_NOT_READY,
          ready + " of " + desired + " workers are ready",
          now);
    }
  }

  private PipelinePhase phase(int ready, int desired) {
    if (deleting) {
      return PipelinePhase.DELETING;
    }
    if (conditions.isFalse(Condition.VALID)
        || conditions.isFalse(Condition.TOPICS_READY) && running == null) {
      return PipelinePhase.FAILED;
    }
    if (running == null) {
      return PipelinePhase.PROVISIONING;
    }
    if (paused || desired == 0) {
      return PipelinePhase.PAUSED;
    }
    if (ready >= desired) {
      settled = true;
      return conditions.isFalse(Condition.TOPICS_READY)
          ? PipelinePhase.DEGRADED
          : PipelinePhase.RUNNING;
    }
    if (!settled) {
      return PipelinePhase.PROVISIONING;
    }
    return rollout != null && ready > 0 ? PipelinePhase.RUNNING : PipelinePhase.DEGRADED;
  }
}
