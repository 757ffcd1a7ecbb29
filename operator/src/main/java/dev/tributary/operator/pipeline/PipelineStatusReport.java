package dev.tributary.operator.pipeline;

import dev.tributary.operator.pipeline.workers.WorkerLabels;
import dev.tributary.operator.pipeline.workers.WorkerPlan;
import dev.tributary.operator.pipeline.workers.WorkloadProgress;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.LagSummary;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.validation.ValidationError;
import dev.tributary.runtime.condition.ConditionReason;
import dev.tributary.runtime.condition.ConditionSet;
import dev.tributary.runtime.topic.TopicProvisioning;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The status of a {@code Pipeline} after one reconciliation, in the model every deploy target
 * reports (docs/status.md). It goes on from the status the resource had: conditions keep their
 * transition times while their status stays, and the phase remembers whether the workers had been
 * ready before (a pipeline that loses workers is {@code Degraded}, one that never had them all is
 * still {@code Provisioning}).
 *
 * <p>Only what the operator measures is reported: workers ready or not, from their workload's
 * controller; {@code ReplicaFailure} from the worker pods' container states; {@code Scaling} from
 * the replicas wanted and running; the lag from the last round that measured it (absent before).
 */
final class PipelineStatusReport {

  private static final Set<PipelinePhase> SETTLED =
      Set.of(PipelinePhase.RUNNING, PipelinePhase.DEGRADED, PipelinePhase.PAUSED);

  private final PipelineResource resource;
  private final PipelineStatus previous;
  private final ConditionSet conditions;
  private final Instant now;

  PipelineStatusReport(PipelineResource resource, Instant now) {
    this.resource = resource;
    this.previous = resource.getStatus() == null ? PipelineStatus.EMPTY : resource.getStatus();
    this.conditions = ConditionSet.from(previous.conditions());
    this.now = now;
  }

  PipelineStatus noTeam(String namespace) {
    conditions.set(
        Condition.VALID,
        false,
        ConditionReason.NO_TEAM,
        "namespace "
            + namespace
            + " belongs to no team: label it "
            + TeamNamespaces.TEAM_LABEL
            + "=<team> (or name it team-<team>)"
            + keepsRunning(),
        now);
    return unchanged(PipelinePhase.FAILED);
  }

  PipelineStatus invalid(List<ValidationError> errors) {
    conditions.set(
        Condition.VALID,
        false,
        ConditionReason.VALIDATION_FAILED,
        "generation "
            + resource.getMetadata().getGeneration()
            + " has "
            + errors.size()
            + (errors.size() == 1 ? " error: " : " errors: ")
            + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; "))
            + keepsRunning(),
        now);
    return unchanged(PipelinePhase.FAILED);
  }

  PipelineStatus stateIncompatible(String message) {
    conditions.set(
        Condition.VALID,
        false,
        ConditionReason.STATE_INCOMPATIBLE,
        "generation "
            + resource.getMetadata().getGeneration()
            + " cannot run with the stored state: "
            + message
            + keepsRunning(),
        now);
    return unchanged(
        previous.deployedRevision() == null ? PipelinePhase.FAILED : PipelinePhase.DEGRADED);
  }

  /** The previous generation of the state stops, or the new one's offsets are being committed. */
  PipelineStatus resettingState(String message) {
    valid();
    conditions.set(Condition.READY, false, ConditionReason.RESETTING_STATE, message, now);
    return unchanged(PipelinePhase.PROVISIONING);
  }

  PipelineStatus topicsFailed(TopicProvisioning topics) {
    valid();
    conditions.set(
        Condition.TOPICS_READY,
        false,
        ConditionReason.TOPIC_PROVISIONING_FAILED,
        topics.failures() + keepsRunning(),
        now);
    return unchanged(
        previous.deployedRevision() == null ? PipelinePhase.FAILED : PipelinePhase.DEGRADED);
  }

  PipelineStatus kafkaAccessFailed(String message) {
    valid();
    conditions.set(
        Condition.TOPICS_READY,
        false,
        ConditionReason.KAFKA_ACCESS_FAILED,
        message + keepsRunning(),
        now);
    return unchanged(
        previous.deployedRevision() == null ? PipelinePhase.FAILED : PipelinePhase.DEGRADED);
  }

  PipelineStatus deployed(
      TopicProvisioning topics,
      WorkerPlan plan,
      WorkloadProgress workers,
      boolean paused,
      WorkerScaling scaling,
      Optional<WorkerPodFailures.Failure> failure,
      LagSummary lag) {
    valid();
    String changes = topics.changes();
    conditions.set(
        Condition.TOPICS_READY,
        true,
        ConditionReason.TOPICS_PROVISIONED,
        changes.isEmpty() ? "every topic exists as planned" : changes,
        now);
    int wanted = plan.replicas();
    boolean allReady = workers.rolledOut() && workers.ready() >= wanted;
    Long deployed =
        allReady && workers.generation() != null
            ? Long.valueOf(workers.generation())
            : previous.deployedRevision();
    boolean rolling =
        !allReady
            && previous.deployedRevision() != null
            && !previous.deployedRevision().equals(resource.getMetadata().getGeneration());
    PipelinePhase phase;
    if (paused) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.PAUSED,
          "paused: no workers run; topics and state are kept",
          now);
      phase = PipelinePhase.PAUSED;
    } else if (wanted == 0) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.NO_REPLICAS,
          "the pipeline is scaled to zero replicas",
          now);
      phase = PipelinePhase.PAUSED;
    } else if (failure.isPresent() && workers.ready() == 0) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.WORKERS_NOT_READY,
          "0 of " + wanted + " workers are ready: " + failure.get().message(),
          now);
      phase = PipelinePhase.FAILED;
    } else if (allReady) {
      conditions.set(
          Condition.READY,
          true,
          ConditionReason.WORKERS_READY,
          workers.ready() + " of " + wanted + " workers are ready",
          now);
      phase = PipelinePhase.RUNNING;
    } else if (rolling) {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.ROLLING_UPDATE,
          "replacing the workers with generation "
              + resource.getMetadata().getGeneration()
              + ": "
              + workers.updated()
              + " of "
              + wanted
              + " replaced, "
              + workers.ready()
              + " ready",
          now);
      phase = workers.ready() > 0 ? PipelinePhase.RUNNING : PipelinePhase.DEGRADED;
    } else {
      conditions.set(
          Condition.READY,
          false,
          ConditionReason.WORKERS_NOT_READY,
          workers.ready() + " of " + wanted + " workers are ready",
          now);
      phase =
          SETTLED.contains(previous.phase()) ? PipelinePhase.DEGRADED : PipelinePhase.PROVISIONING;
    }
    replicaFailure(failure);
    scaling(scaling, wanted, workers.pods(), paused);
    return new PipelineStatus(
        resource.getMetadata().getGeneration(),
        phase,
        conditions.list(),
        workers.pods(),
        workers.ready(),
        wanted,
        WorkerLabels.selectorText(resource.getMetadata().getName()),
        deployed,
        lag);
  }

  private void replicaFailure(Optional<WorkerPodFailures.Failure> failure) {
    if (failure.isPresent()) {
      conditions.set(
          Condition.REPLICA_FAILURE, true, failure.get().reason(), failure.get().message(), now);
      return;
    }
    boolean failedBefore =
        conditions.get(Condition.REPLICA_FAILURE).map(c -> "True".equals(c.status())).orElse(false);
    conditions.set(
        Condition.REPLICA_FAILURE,
        false,
        failedBefore ? ConditionReason.WORKERS_STABLE : ConditionReason.NO_FAILURES,
        failedBefore ? "the failing workers run again" : "no worker has failed",
        now);
  }

  private void scaling(WorkerScaling scaling, int wanted, int running, boolean paused) {
    if (!paused && running < wanted) {
      conditions.set(
          Condition.SCALING,
          true,
          ConditionReason.SCALING_UP,
          "from " + running + " to " + wanted + " replicas: " + scaling.message(),
          now);
    } else if (!paused && running > wanted) {
      conditions.set(
          Condition.SCALING,
          true,
          ConditionReason.SCALING_DOWN,
          "from " + running + " to " + wanted + " replicas: " + scaling.message(),
          now);
    } else {
      conditions.set(
          Condition.SCALING,
          false,
          scaling.capped() ? ConditionReason.CAPPED_BY_PARTITIONS : ConditionReason.STABLE,
          paused ? "paused: no replicas run" : scaling.message(),
          now);
    }
  }

  private void valid() {
    conditions.set(
        Condition.VALID,
        true,
        ConditionReason.VALIDATED,
        "generation " + resource.getMetadata().getGeneration() + " is valid",
        now);
  }

  private String keepsRunning() {
    return previous.deployedRevision() == null
        ? ""
        : "; the workers keep running generation " + previous.deployedRevision();
  }

  /** The new conditions and phase; what runs is as it was. */
  private PipelineStatus unchanged(PipelinePhase phase) {
    return new PipelineStatus(
        resource.getMetadata().getGeneration(),
        phase,
        conditions.list(),
        previous.replicas(),
        previous.readyReplicas(),
        previous.desiredReplicas(),
        previous.selector(),
        previous.deployedRevision(),
        previous.lag());
  }
}
