package dev.tributary.operator.pipeline.workers;

import dev.tributary.operator.pipeline.PipelineResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

/** The pipeline's document, which every worker reads from its mounted file. */
public final class PipelineDocumentConfigMap extends OwnedResource<ConfigMap> {

  public PipelineDocumentConfigMap() {
    super(ConfigMap.class);
  }

  public static String name(String pipeline) {
    return pipeline + "-pipeline";
  }

  @Override
  protected String name(PipelineResource primary) {
    return name(primary.getMetadata().getName());
  }

  @Override
  protected ConfigMap build(WorkerPlan plan, ConfigMap actual) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(plan.name()))
        .withNamespace(plan.namespace())
        .withLabels(WorkerLabels.all(plan))
        .addToAnnotations(
            WorkerAnnotations.STATE_GENERATION, Integer.toString(plan.pipeline().stateGeneration()))
        .addToAnnotations(
            WorkerAnnotations.RETIRED_APPLICATIONS, String.join(",", plan.retiredApplications()))
        .endMetadata()
        .addToData(WorkerPodTemplate.DOCUMENT_FILE, plan.document())
        .build();
  }
}
