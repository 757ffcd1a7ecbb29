package dev.tributary.operator.pipeline.workers;

import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.runtime.rollout.UpdateStrategy;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;

/**
 * The workers of a pipeline without state: interchangeable pods, their Kafka Streams state
 * directory an {@code emptyDir}.
 *
 * <p>An update whose topology has the same shape rolls (one new pod ready before an old one goes);
 * one whose shape changed uses the {@code Recreate} strategy, which stops every old pod before the
 * first new one starts ({@link UpdateStrategy}). The strategy stays {@code Recreate} until that
 * rollout has finished, so that it is never switched under a rollout in progress.
 */
public final class WorkerDeployment extends OwnedResource<Deployment> {

  public WorkerDeployment() {
    super(Deployment.class);
  }

  public static String name(String pipeline) {
    return pipeline;
  }

  @Override
  protected String name(PipelineResource primary) {
    return name(primary.getMetadata().getName());
  }

  @Override
  protected Deployment build(WorkerPlan plan, Deployment actual) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name(plan.name()))
        .withNamespace(plan.namespace())
        .withLabels(WorkerLabels.all(plan))
        .withAnnotations(Workloads.annotations(plan))
        .endMetadata()
        .withNewSpec()
        .withReplicas(plan.replicas())
        .withNewSelector()
        .withMatchLabels(WorkerLabels.selector(plan.name()))
        .endSelector()
        .withStrategy(strategy(plan, actual))
        .withTemplate(WorkerPodTemplate.of(plan, false))
        .endSpec()
        .build();
  }

  private static DeploymentStrategy strategy(WorkerPlan plan, Deployment actual) {
    boolean recreate =
        actual != null
            && (Workloads.strategy(actual, plan) == UpdateStrategy.RECREATE
                || isRecreate(actual) && !Workloads.rolledOut(actual));
    if (recreate) {
      return new DeploymentStrategyBuilder().withType("Recreate").build();
    }
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .build();
  }

  private static boolean isRecreate(Deployment deployment) {
    DeploymentStrategy strategy = deployment.getSpec().getStrategy();
    return strategy != null && "Recreate".equals(strategy.getType());
  }

  @Override
  protected void keepFromActual(Deployment desired, Deployment actual) {
    desired.getSpec().setSelector(actual.getSpec().getSelector());
    Workloads.keepEquivalentQuantities(
        desired.getSpec().getTemplate(), actual.getSpec().getTemplate());
  }
}
