package dev.tributary.operator.pipeline.workers;

import dev.tributary.operator.pipeline.PipelineResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * Voluntary disruptions — a node drained, a cluster upgraded — take one worker at a time: each
 * departure moves its tasks to the others, and two at once would stop more of the pipeline than the
 * group can take over.
 */
public final class WorkerDisruptionBudget extends OwnedResource<PodDisruptionBudget> {

  public WorkerDisruptionBudget() {
    super(PodDisruptionBudget.class);
  }

  public static String name(String pipeline) {
    return pipeline;
  }

  @Override
  protected String name(PipelineResource primary) {
    return name(primary.getMetadata().getName());
  }

  @Override
  protected PodDisruptionBudget build(WorkerPlan plan, PodDisruptionBudget actual) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name(plan.name()))
        .withNamespace(plan.namespace())
        .withLabels(WorkerLabels.all(plan))
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(WorkerLabels.selector(plan.name()))
        .endSelector()
        .endSpec()
        .build();
  }
}
