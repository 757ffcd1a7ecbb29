package dev.tributary.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final String PIPELINE =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: enrich, team: shop}
      spec:
        sources:
          - {name: orders, topic: shop.orders, partitions: 12, key: {field: customerId},
             fields: {orderId: string, customerId: string, total: double}}
        tables:
          - {name: customers, topic: shop.customers, key: {field: customerId},
             fields: {customerId: string, tier: string}}
        steps:
          - {name: enriched, input: orders, join: {with: customers, key: customerId, type: left}}
        sinks:
          - {name: out, input: enriched, topic: shop.orders-enriched, partitions: 12}
          - {name: copy, input: enriched, topic: shop.orders-enriched, partitions: 6}
        runtime:
          replicas: {min: 2, max: 20}
      """;

  private static ValidatedPipeline pipeline() {
    return PipelineValidator.validate(PIPELINE).orThrow();
  }

  @Test
  void planListsEveryTopicOnceWithItsRoleAndConfigs() {
    PipelinePlan plan = Planner.plan(pipeline());

    assertThat(plan.applicationId()).isEqualTo("shop.enrich");
    assertThat(plan.internalTopicPrefix()).isEqualTo("shop.enrich-");
    assertThat(plan.topics())
        .containsExactly(
            new TopicPlan("shop.orders", TopicRole.SOURCE, OptionalInt.of(12), Map.of()),
            new TopicPlan(
                "shop.customers",
                TopicRole.TABLE,
                OptionalInt.empty(),
                Map.of("cleanup.policy", "compact")),
            new TopicPlan("shop.orders-enriched", TopicRole.SINK, OptionalInt.of(12), Map.of()),
            new TopicPlan(
                "shop.enrich.dead-letter",
                TopicRole.DEAD_LETTER,
                OptionalInt.empty(),
                Map.of("retention.ms", "604800000")));
  }

  @Test
  void replicasNeverExceedTheLargestInputPartitionCount() {
    ReplicaBounds bounds =
        Planner.replicaBounds(pipeline(), Map.of("shop.orders", 12, "shop.customers", 3));

    assertThat(bounds).isEqualTo(new ReplicaBounds(2, 12, 12, true));
    assertThat(bounds.clamp(40)).isEqualTo(12);
    assertThat(bounds.clamp(0)).isEqualTo(2);
  }

  @Test
  void minimumIsLoweredWhenThereAreFewerPartitionsThanIt() {
    ReplicaBounds bounds =
        Planner.replicaBounds(pipeline(), Map.of("shop.orders", 1, "shop.customers", 1));

    assertThat(bounds).isEqualTo(new ReplicaBounds(1, 1, 1, true));
  }

  @Test
  void boundsWithinPartitionsAreTakenAsWritten() {
    ReplicaBounds bounds = Planner.replicaBounds(pipeline(), Map.of("shop.orders", 24));

    assertThat(bounds).isEqualTo(new ReplicaBounds(2, 20, 24, false));
  }
}
