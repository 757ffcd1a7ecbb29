package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.PipelinePhase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two replicas of the operator share one Lease: one acts, the other waits to take over. */
@ExtendWith(KafkaBrokerExtension.class)
class LeaderElectionIT {

  private static final String DOCUMENT =
      """
      spec:
        sources: [{name: in, topic: nobody.in, fields: {a: string}}]
        sinks: [{name: out, input: in, topic: nobody.out}]
      """;

  @Test
  void onlyTheReplicaHoldingTheLeaseReconcilesAndTheOtherTakesOverWhenItStops(KafkaBroker broker) {
    try (KubernetesStandIn kubernetes = KubernetesStandIn.start()) {
      kubernetes.namespace("tributary-system", Map.of(), Map.of());
      kubernetes.namespace("sandbox", Map.of(), Map.of());
      PrometheusMeterRegistry firstMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      PrometheusMeterRegistry secondMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      TributaryOperator first = replica(kubernetes, broker, "first", firstMetrics);
      TributaryOperator second = replica(kubernetes, broker, "second", secondMetrics);
      try {
        first.start();
        await().atMost(Duration.ofSeconds(30)).until(first::leading);
        second.start();
        await().atMost(Duration.ofSeconds(30)).until(second::ready);

        kubernetes.client().resource(Pipelines.resource("sandbox", "stray", DOCUMENT)).create();

        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> phase(kubernetes, "stray") == PipelinePhase.FAILED);
        assertThat(second.leading()).isFalse();
        assertThat(reconciliations(firstMetrics)).isPositive();
        assertThat(reconciliations(secondMetrics)).isZero();

        first.close();

        await().atMost(Duration.ofSeconds(60)).until(second::leading);
        kubernetes
            .client()
            .resource(Pipelines.resource("sandbox", "second-stray", DOCUMENT))
            .create();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> phase(kubernetes, "second-stray") == PipelinePhase.FAILED);
        assertThat(reconciliations(secondMetrics)).isPositive();
      } finally {
        first.close();
        second.close();
      }
    }
  }

  private static TributaryOperator replica(
      KubernetesStandIn kubernetes,
      KafkaBroker broker,
      String identity,
      PrometheusMeterRegistry metrics) {
    OperatorSettings base = TestOperators.settings(broker.bootstrapServers());
    OperatorSettings settings =
        new OperatorSettings(
            base.bootstrapServers(),
            base.worker(),
            base.defaultPartitions(),
            base.replicationFactor(),
            base.adminTimeout(),
            base.topicRecheck(),
            base.managementPort(),
            base.namespaces(),
            "tributary-system",
            identity,
            base.lagInterval(),
            base.lagWindow());
    return TributaryOperator.create(
        kubernetes.client(), settings, metrics, Clock.systemUTC(), false);
  }

  private static PipelinePhase phase(KubernetesStandIn kubernetes, String name) {
    PipelineResource resource =
        kubernetes
            .client()
            .resources(PipelineResource.class)
            .inNamespace("sandbox")
            .withName(name)
            .get();
    return resource == null || resource.getStatus() == null ? null : resource.getStatus().phase();
  }

  private static double reconciliations(PrometheusMeterRegistry metrics) {
    return Optional.ofNullable(metrics.find("reconciliations.started.total").counter())
        .map(c -> c.count())
        .orElse(0.0);
  }
}
