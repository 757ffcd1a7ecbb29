package dev.tributary.operator.pipeline.workers;

import dev.tributary.runtime.rollout.UpdateStrategy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What the StatefulSet and the Deployment of a pipeline have in common. */
public final class Workloads {

  private Workloads() {}

  static Map<String, String> annotations(WorkerPlan plan) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(WorkerAnnotations.TOPOLOGY_SHAPE, plan.shapeFingerprint());
    annotations.put(WorkerAnnotations.GENERATION, String.valueOf(plan.generation()));
    return annotations;
  }

  /** How the workers that run now must be replaced to run the plan. */
  static UpdateStrategy strategy(HasMetadata workload, WorkerPlan plan) {
    Map<String, String> annotations = workload.getMetadata().getAnnotations();
    String running = annotations == null ? null : annotations.get(WorkerAnnotations.TOPOLOGY_SHAPE);
    return UpdateStrategy.between(Objects.toString(running, ""), plan.shapeFingerprint());
  }

  /** Whether a StatefulSet may still have pods: it wants some, or has not reported none yet. */
  static boolean podsMayRun(StatefulSet statefulSet) {
    StatefulSetStatus status = statefulSet.getStatus();
    return value(statefulSet.getSpec().getReplicas()) > 0
        || status != null && value(status.getReplicas()) > 0;
  }

  static boolean rolledOut(Deployment deployment) {
    return progress(deployment).rolledOut();
  }

  /**
   * Quantities the API server has written in its own form ({@code 0.5} as {@code 500m}) are the
   * same quantities: the desired template takes the server's text, so they never look changed.
   */
  static void keepEquivalentQuantities(PodTemplateSpec desired, PodTemplateSpec actual) {
    if (actual == null || actual.getSpec() == null) {
      return;
    }
    for (Container container : desired.getSpec().getContainers()) {
      actual.getSpec().getContainers().stream()
          .filter(c -> c.getName().equals(container.getName()))
          .findFirst()
          .ifPresent(
              running -> {
                ResourceRequirements wanted = container.getResources();
                ResourceRequirements has = running.getResources();
                if (wanted != null && has != null) {
                  keepEquivalent(wanted.getRequests(), has.getRequests());
                  keepEquivalent(wanted.getLimits(), has.getLimits());
                }
              });
    }
  }

  private static void keepEquivalent(Map<String, Quantity> wanted, Map<String, Quantity> has) {
    if (wanted == null || has == null) {
      return;
    }
    wanted.replaceAll(
        (name, quantity) -> {
          Quantity existing = has.get(name);
          return existing != null
                  && existing.getNumericalAmount().compareTo(quantity.getNumericalAmount()) == 0
              ? existing
              : quantity;
        });
  }

  /** How far a workload has come towards its spec, from what its controller reported. */
  public static WorkloadProgress progress(HasMetadata workload) {
    Long generation = workload.getMetadata().getGeneration();
    String runs =
        workload.getMetadata().getAnnotations() == null
            ? null
            : workload.getMetadata().getAnnotations().get(WorkerAnnotations.GENERATION);
    if (workload instanceof StatefulSet statefulSet) {
      StatefulSetStatus status = statefulSet.getStatus();
      int wanted = value(statefulSet.getSpec().getReplicas());
      if (status == null) {
        return WorkloadProgress.unobserved(wanted, runs);
      }
      boolean observed = value(status.getObservedGeneration()) >= value(generation);
      int pods = value(status.getReplicas());
      int updated = value(status.getUpdatedReplicas());
      boolean sameRevision =
          status.getUpdateRevision() == null
              || Objects.equals(status.getCurrentRevision(), status.getUpdateRevision());
      boolean rolledOut =
          observed && updated == wanted && pods == wanted && (sameRevision || wanted == 0);
      return new WorkloadProgress(
          wanted, pods, value(status.getReadyReplicas()), updated, observed, rolledOut, runs);
    }
    if (workload instanceof Deployment deployment) {
      DeploymentStatus status = deployment.getStatus();
      int wanted = value(deployment.getSpec().getReplicas());
      if (status == null) {
        return WorkloadProgress.unobserved(wanted, runs);
      }
      boolean observed = value(status.getObservedGeneration()) >= value(generation);
      int pods = value(status.getReplicas());
      int updated = value(status.getUpdatedReplicas());
      boolean rolledOut = observed && updated == wanted && pods == wanted;
      return new WorkloadProgress(
          wanted, pods, value(status.getReadyReplicas()), updated, observed, rolledOut, runs);
    }
    throw new IllegalArgumentException("not a workload: " + workload.getKind());
  }

  private static int value(Integer value) {
    return value == null ? 0 : value;
  }

  private static long value(Long value) {
    return value == null ? 0 : value;
  }
}
