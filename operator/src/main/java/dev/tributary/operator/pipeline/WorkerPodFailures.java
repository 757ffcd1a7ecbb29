package dev.tributary.operator.pipeline;

import dev.tributary.operator.pipeline.workers.WorkerPodTemplate;
import dev.tributary.runtime.condition.ConditionReason;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the worker pods' container states say of failures, as the kubelet reports them: a worker
 * container that terminated with a non-zero exit code (now, or before its last restart while it is
 * not ready again), or one waiting in {@code CrashLoopBackOff}. A worker that refuses its document
 * exits with 2 (docs/worker.md), which is told apart: restarting it will not help.
 */
final class WorkerPodFailures {

  /** The worker's exit code when it refuses the pipeline document it was given. */
  static final int REFUSED_DOCUMENT = 2;

  /** One failing pod: the reason for {@code ReplicaFailure} and a sentence naming the pod. */
  record Failure(ConditionReason reason, String message) {}

  private WorkerPodFailures() {}

  static Optional<Failure> of(Collection<Pod> pods) {
    List<Failure> failures =
        pods.stream()
            .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
            .map(WorkerPodFailures::failure)
            .flatMap(Optional::stream)
            .toList();
    if (failures.isEmpty()) {
      return Optional.empty();
    }
    Failure first =
        failures.stream()
            .filter(f -> f.reason() == ConditionReason.INVALID_PIPELINE)
            .findFirst()
            .orElse(failures.get(0));
    String more = failures.size() == 1 ? "" : " (" + failures.size() + " pods failing)";
    return Optional.of(new Failure(first.reason(), first.message() + more));
  }

  private static Optional<Failure> failure(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (!WorkerPodTemplate.CONTAINER.equals(container.getName())) {
        continue;
      }
      ContainerStateTerminated now =
          container.getState() == null ? null : container.getState().getTerminated();
      ContainerStateTerminated before =
          container.getLastState() == null ? null : container.getLastState().getTerminated();
      boolean crashLooping =
          container.getState() != null
              && container.getState().getWaiting() != null
              && "CrashLoopBackOff".equals(container.getState().getWaiting().getReason());
      ContainerStateTerminated exit =
          now != null
              ? now
              : (crashLooping || !Boolean.TRUE.equals(container.getReady()) ? before : null);
      if (exit == null || exit.getExitCode() == null) {
        continue;
      }
      int code = exit.getExitCode();
      int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
      String pod_ = "pod " + pod.getMetadata().getName();
      String restarted = restarts == 0 ? "" : ", restarted " + restarts + " times";
      if (code == REFUSED_DOCUMENT) {
        return Optional.of(
            new Failure(
                ConditionReason.INVALID_PIPELINE,
                pod_
                    + ": the worker refused its pipeline document (exit code 2"
                    + restarted
                    + ")"));
      }
      if (code != 0) {
        return Optional.of(
            new Failure(
                ConditionReason.WORKER_CRASHED,
                pod_
                    + ": the worker exited with code "
                    + code
                    + (exit.getReason() == null ? "" : " (" + exit.getReason() + ")")
                    + restarted
                    + (crashLooping ? "; in CrashLoopBackOff" : "")));
      }
      if (now != null || crashLooping) {
        return Optional.of(
            new Failure(
                ConditionReason.WORKER_STOPPED,
                pod_ + ": the worker exited with code 0 unasked" + restarted));
      }
    }
    return Optional.empty();
  }
}
