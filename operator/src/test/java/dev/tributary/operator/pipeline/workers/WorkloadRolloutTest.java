package dev.tributary.operator.pipeline.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.testing.TestPipelines;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the workload of a new generation is built from the one that runs. */
class WorkloadRolloutTest {

  private static final WorkerPodSettings SETTINGS =
      new WorkerPodSettings(
          "worker:test", "IfNotPresent", "kafka:9092", "1Gi", null, Map.of(), "500m", "1Gi");

  private final WorkerStatefulSet statefulSets = new WorkerStatefulSet();
  private final WorkerDeployment deployments = new WorkerDeployment();

  @Test
  void aStatefulSetWhoseShapeChangedIsFirstScaledToZeroWithItsRunningTemplate() {
    StatefulSet running = statefulSets.build(plan(sums(), 1), null);
    running.getMetadata().setGeneration(1L);

    StatefulSet next = statefulSets.build(plan(maxima(), 2), running);

    assertThat(next.getSpec().getReplicas()).isZero();
    assertThat(next.getSpec().getTemplate()).isEqualTo(running.getSpec().getTemplate());
    assertThat(next.getMetadata().getAnnotations())
        .containsEntry(WorkerAnnotations.TOPOLOGY_SHAPE, shape(running))
        .containsEntry(WorkerAnnotations.GENERATION, "1");
  }

  @Test
  void onceNoPodOfTheOldShapeIsLeftTheNewTemplateGetsItsReplicas() {
    StatefulSet stopped = statefulSets.build(plan(sums(), 1), null);
    stopped.getSpec().setReplicas(0);
    stopped.setStatus(new StatefulSetStatusBuilder().withReplicas(0).build());

    StatefulSet next = statefulSets.build(plan(maxima(), 2), stopped);

    assertThat(next.getSpec().getReplicas()).isEqualTo(2);
    assertThat(shape(next)).isNotEqualTo(shape(stopped));
    assertThat(next.getSpec().getTemplate()).isNotEqualTo(stopped.getSpec().getTemplate());
  }

  @Test
  void aStatefulSetWhoseShapeIsTheSameGetsTheNewTemplateAtOnce() {
    StatefulSet running = statefulSets.build(plan(sums(), 1), null);

    StatefulSet next =
        statefulSets.build(
            plan(TestPipelines.totals("orders", 2, 2, 2, "amount > 10"), 2), running);

    assertThat(next.getSpec().getReplicas()).isEqualTo(2);
    assertThat(next.getSpec().getTemplate()).isNotEqualTo(running.getSpec().getTemplate());
    assertThat(next.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
  }

  @Test
  void aDeploymentWhoseShapeChangedRecreatesUntilThatRolloutIsDone() {
    String copy = copier("amount > 10", "");
    String copyAndMore =
        copier("amount > 10", "    - {name: more, input: large, topic: bank.c-more}\n");
    Deployment running = deployments.build(plan(copy, 1), null);
    running.getMetadata().setGeneration(1L);

    Deployment recreating = deployments.build(plan(copyAndMore, 2), running);
    recreating.getMetadata().setGeneration(2L);
    Deployment stillRecreating = deployments.build(plan(copyAndMore, 2), recreating);
    recreating.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(2L)
            .withReplicas(2)
            .withUpdatedReplicas(2)
            .withReadyReplicas(2)
            .build());
    Deployment rolledOut = deployments.build(plan(copyAndMore, 2), recreating);

    assertThat(recreating.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(stillRecreating.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(rolledOut.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
  }

  private static WorkerPlan plan(String document, int replicas) {
    return WorkerPlan.of(
        "team-bank",
        "bank",
        "bank.",
        TestPipelines.validate(document),
        replicas,
        null,
        1,
        SETTINGS);
  }

  private static String sums() {
    return TestPipelines.totals("orders", 2, 2);
  }

  private static String maxima() {
    return sums().replace("sum: {fn: sum, of: amount}", "max: {fn: max, of: amount}");
  }

  private static String shape(StatefulSet statefulSet) {
    return statefulSet.getMetadata().getAnnotations().get(WorkerAnnotations.TOPOLOGY_SHAPE);
  }

  private static String copier(String filter, String moreSinks) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: c
          team: bank
        spec:
          sources:
            - {name: payments, topic: bank.c-in, fields: {account: string, amount: int}}
          steps:
            - {name: large, input: payments, filter: '%s'}
          sinks:
            - {name: out, input: large, topic: bank.c-out}
        %s"""
        .formatted(filter, moreSinks);
  }
}
