package dev.tributary.operator.pipeline;

import dev.tributary.operator.pipeline.workers.Workloads;
import dev.tributary.runtime.cleanup.PipelineCleanup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;

/**
 * What the finalizer of a deleted pipeline removes, in order: its workers (scaled to zero, so that
 * they commit and leave; Kubernetes removes the workload itself with the pipeline), then in Kafka
 * its internal topics and its consumer group, with runtime-core's {@link PipelineCleanup}, as the
 * local target does. Sources, tables, sinks and the dead-letter topic stay.
 */
public final class PipelineLeftovers {

  /**
   * Every other pipeline: internal topics of an application id that starts with the deleted one's
   * stay theirs, and no declared topic is removed whatever its name.
   */
  record Others(Set<String> applicationIds, Set<String> topicsDeclared) {}

  private final PipelineCleanup cleanup;

  public PipelineLeftovers(PipelineCleanup cleanup) {
    this.cleanup = cleanup;
  }

  /**
   * Scales the workload to zero.
   *
   * @return whether its pods are gone: only then may the group be removed
   */
  boolean stopWorkers(KubernetesClient client, HasMetadata workload) {
    if (workload instanceof StatefulSet statefulSet
        && replicas(statefulSet.getSpec().getReplicas()) > 0) {
      client
          .resource(statefulSet)
          .edit(
              s -> {
                s.getSpec().setReplicas(0);
                return s;
              });
      return false;
    }
    if (workload instanceof Deployment deployment
        && replicas(deployment.getSpec().getReplicas()) > 0) {
      client
          .resource(deployment)
          .edit(
              d -> {
                d.getSpec().setReplicas(0);
                return d;
              });
      return false;
    }
    return Workloads.progress(workload).pods() == 0;
  }

  /**
   * @return what could not be removed; empty when everything was
   */
  List<String> remove(String applicationId, Others others) throws InterruptedException {
    return cleanup.delete(applicationId, others.applicationIds(), others.topicsDeclared());
  }

  private static int replicas(Integer replicas) {
    return replicas == null ? 0 : replicas;
  }
}
