package dev.tributary.operator.pipeline.workers;

import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.runtime.rollout.UpdateStrategy;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workers of a pipeline that keeps state: each replica has a stable name, a volume of its own
 * for its state stores (kept across restarts and updates, so a restarted replica does not restore
 * them from the changelog) and a static membership in the consumer group.
 *
 * <p>An update whose topology has the same shape rolls one replica at a time (the StatefulSet's
 * rolling update, highest ordinal first, each ready before the next). When the shape changed, old
 * and new workers must not run together ({@link UpdateStrategy#RECREATE}): the StatefulSet is first
 * scaled to zero with its old pod template, and only once no pod is left does it get the new
 * template and its replicas back.
 */
public final class WorkerStatefulSet extends OwnedResource<StatefulSet> {

  public WorkerStatefulSet() {
    super(StatefulSet.class);
  }

  public static String name(String pipeline) {
    return pipeline;
  }

  @Override
  protected String name(PipelineResource primary) {
    return name(primary.getMetadata().getName());
  }

  @Override
  protected StatefulSet build(WorkerPlan plan, StatefulSet actual) {
    if (actual != null
        && Workloads.strategy(actual, plan) == UpdateStrategy.RECREATE
        && Workloads.podsMayRun(actual)) {
      return stopping(plan, actual);
    }
    return running(plan);
  }

  private static StatefulSet running(WorkerPlan plan) {
    StatefulSetBuilder builder =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName(name(plan.name()))
            .withNamespace(plan.namespace())
            .withLabels(WorkerLabels.all(plan))
            .withAnnotations(Workloads.annotations(plan))
            .endMetadata()
            .withNewSpec()
            .withReplicas(plan.replicas())
            .withServiceName(WorkerService.name(plan.name()))
            .withPodManagementPolicy("Parallel")
            .withNewSelector()
            .withMatchLabels(WorkerLabels.selector(plan.name()))
            .endSelector()
            .withNewUpdateStrategy()
            .withType("RollingUpdate")
            .endUpdateStrategy()
            .withNewPersistentVolumeClaimRetentionPolicy()
            .withWhenDeleted("Delete")
            .withWhenScaled("Retain")
            .endPersistentVolumeClaimRetentionPolicy()
            .withTemplate(WorkerPodTemplate.of(plan, true))
            .addNewVolumeClaimTemplate()
            .withNewMetadata()
            .withName(WorkerPodTemplate.STATE_VOLUME)
            .withLabels(WorkerLabels.selector(plan.name()))
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName(plan.settings().storageClass())
            .withNewResources()
            .addToRequests("storage", new Quantity(plan.settings().stateStorage()))
            .endResources()
            .endSpec()
            .endVolumeClaimTemplate()
            .endSpec();
    return builder.build();
  }

  /** The first half of a recreate: what runs now, scaled to zero. */
  private static StatefulSet stopping(WorkerPlan plan, StatefulSet actual) {
    StatefulSet stopping = running(plan);
    Map<String, String> annotations = new LinkedHashMap<>(Workloads.annotations(plan));
    Map<String, String> before = actual.getMetadata().getAnnotations();
    annotations.put(WorkerAnnotations.TOPOLOGY_SHAPE, before.get(WorkerAnnotations.TOPOLOGY_SHAPE));
    annotations.put(WorkerAnnotations.GENERATION, before.get(WorkerAnnotations.GENERATION));
    stopping.getMetadata().setAnnotations(annotations);
    stopping.getSpec().setReplicas(0);
    stopping.getSpec().setTemplate(actual.getSpec().getTemplate());
    return stopping;
  }

  @Override
  protected void keepFromActual(StatefulSet desired, StatefulSet actual) {
    // The API server refuses changes to any of these after creation.
    desired.getSpec().setVolumeClaimTemplates(actual.getSpec().getVolumeClaimTemplates());
    desired.getSpec().setServiceName(actual.getSpec().getServiceName());
    desired.getSpec().setSelector(actual.getSpec().getSelector());
    desired.getSpec().setPodManagementPolicy(actual.getSpec().getPodManagementPolicy());
    Workloads.keepEquivalentQuantities(
        desired.getSpec().getTemplate(), actual.getSpec().getTemplate());
  }
}
