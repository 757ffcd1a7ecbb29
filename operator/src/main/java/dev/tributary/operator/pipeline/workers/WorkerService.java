package dev.tributary.operator.pipeline.workers;

import dev.tributary.operator.pipeline.PipelineResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * A headless Service over the workers: each pod's health, metrics and {@code /state} by its own
 * address (Prometheus scrapes every replica, not one at random), and the stable network identity a
 * StatefulSet's pods need.
 */
public final class WorkerService extends OwnedResource<Service> {

  public WorkerService() {
    super(Service.class);
  }

  public static String name(String pipeline) {
    return pipeline;
  }

  @Override
  protected String name(PipelineResource primary) {
    return name(primary.getMetadata().getName());
  }

  @Override
  protected Service build(WorkerPlan plan, Service actual) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name(plan.name()))
        .withNamespace(plan.namespace())
        .withLabels(WorkerLabels.all(plan))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(WorkerLabels.selector(plan.name()))
        .addNewPort()
        .withName("http")
        .withPort(WorkerPodTemplate.HTTP_PORT)
        .withNewTargetPort("http")
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
