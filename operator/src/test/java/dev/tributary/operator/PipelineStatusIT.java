package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelineStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status the operator reports beyond readiness — lag, the {@code Scaling} condition, Events —
 * and autoscaling from real lag on a real broker: the pipelines' consumer groups are placed behind
 * their input by committing offsets, as workers that fell behind would have, and the workload's
 * controller is played by the test (no worker consumes, so the lag stays what the test made it).
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineStatusIT {

  private static final String NAMESPACE = "team-bank";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static KubernetesStandIn kubernetes;
  private static KubernetesClient client;
  private static TributaryOperator operator;
  private static Admin kafka;
  private static KafkaProducer<String, String> producer;

  @BeforeAll
  static void start(KafkaBroker broker) {
    kubernetes = KubernetesStandIn.start();
    client = kubernetes.client();
    kubernetes.namespace(NAMESPACE, Map.of(), Map.of());
    kafka = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
    operator =
        TributaryOperator.create(
            client,
            TestOperators.settings(broker.bootstrapServers()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Clock.systemUTC(),
            false);
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.close();
    producer.close();
    kafka.close();
    kubernetes.close();
  }

  @Test
  void lagAboveTargetScalesUpToThePartitionsAndScalesDownOnlyAfterTheStabilisationWindow()
      throws Exception {
    client.resource(Pipelines.resource(NAMESPACE, "surge", autoscaled("surge", 8, "15s"))).create();
    rollOut("surge");
    await().atMost(WAIT).until(() -> condition("surge", Condition.READY).equals("True"));

    behind("surge", 4, 1000);

    // A round may read the backlog while it is still being written and scale up on part of it;
    // the status must come to show all of it, with the replicas capped at the partitions.
    PipelineStatus scaledUp =
        await()
            .atMost(WAIT)
            .until(
                () -> status("surge"),
                s ->
                    s != null
                        && s.desiredReplicas() == 4
                        && s.lag() != null
                        && s.lag().totalRecords() == 4000);
    assertThat(deployment("surge").getSpec().getReplicas())
        .as("never more replicas than input partitions")
        .isEqualTo(4);
    assertThat(reason(scaledUp, Condition.SCALING)).isEqualTo("ScalingUp");
    rollOut("surge");
    await()
        .atMost(WAIT)
        .until(() -> reason(status("surge"), Condition.SCALING).equals("CappedByPartitions"));

    caughtUp("surge");
    await().atMost(WAIT).until(() -> status("surge").lag().totalRecords() == 0);
    Instant caughtUpAt = Instant.now();
    assertThat(status("surge").desiredReplicas())
        .as("a scale-down waits for the stabilisation window")
        .isEqualTo(4);
    await()
        .atMost(WAIT)
        .until(
            () ->
                status("surge").desiredReplicas() == 1
                    && deployment("surge").getSpec().getReplicas() == 1);
    assertThat(Duration.between(caughtUpAt, Instant.now())).isGreaterThan(Duration.ofSeconds(5));
    rollOut("surge");
    await().atMost(WAIT).until(() -> reason(status("surge"), Condition.SCALING).equals("Stable"));
  }

  @Test
  void withAutoscalingOffTheSpecsReplicasRunWhateverTheLag() throws Exception {
    String document =
        autoscaled("steady", 4, "15s")
            .replace("replicas: {min: 1, max: 4}", "replicas: {min: 2, max: 4}")
            .replace("autoscaling: {", "autoscaling: {enabled: false, ");
    client.resource(Pipelines.resource(NAMESPACE, "steady", document)).create();
    rollOut("steady");
    behind("steady", 4, 500);

    PipelineStatus measured =
        await()
            .atMost(WAIT)
            .until(
                () -> status("steady"),
                s -> s != null && s.lag() != null && s.lag().totalRecords() == 2000);
    assertThat(measured.desiredReplicas()).isEqualTo(2);
    assertThat(deployment("steady").getSpec().getReplicas()).isEqualTo(2);
    assertThat(measured.lag().status()).isNotNull();
    assertThat(condition(measured, Condition.SCALING)).isEqualTo("False");
    assertThat(message(measured, Condition.SCALING)).contains("autoscaling is off");
  }

  @Test
  void everyPhaseAndConditionTransitionIsAnEventOnThePipeline() {
    client.resource(Pipelines.resource(NAMESPACE, "told", autoscaled("told", 1, "15s"))).create();
    rollOut("told");
    await().atMost(WAIT).until(() -> condition("told", Condition.READY).equals("True"));

    List<Event> events =
        await()
            .atMost(WAIT)
            .until(
                () -> events("told"),
                list -> list.stream().anyMatch(e -> e.getReason().equals("WorkersReady")));
    assertThat(events)
        .extracting(Event::getReason)
        .contains("Validated", "TopicsProvisioned", "Provisioning", "Running", "NoFailures");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pipeline");
              assertThat(e.getInvolvedObject().getUid())
                  .isEqualTo(resource("told").getMetadata().getUid());
              assertThat(e.getSource().getComponent()).isEqualTo("tributary-operator");
              assertThat(e.getMessage()).isNotBlank();
            });
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("Running"))
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Normal"));
  }

  @Test
  void kubectlScaleSetsTheMinimumReplicas() {
    String fixed =
        autoscaled("scaled", 1, "15s")
            .replace("replicas: {min: 1, max: 1}", "replicas: {min: 1}")
            .replace("autoscaling: {targetLagRecords: 100, stabilizationWindow: 15s}", "{}")
            .replace("    {}\n", "");
    client.resource(Pipelines.resource(NAMESPACE, "scaled", fixed)).create();
    rollOut("scaled");

    // What the API server makes of `kubectl scale pipeline scaled --replicas=3`: the CRD's scale
    // subresource maps .spec.replicas to .spec.runtime.replicas.min, and only that field changes.
    // The mock server does not serve /scale, so the test writes that field as a merge patch.
    client
        .resources(PipelineResource.class)
        .inNamespace(NAMESPACE)
        .withName("scaled")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"runtime\":{\"replicas\":{\"min\":3}}}}");

    await()
        .atMost(WAIT)
        .until(
            () ->
                deployment("scaled").getSpec().getReplicas() == 3
                    && status("scaled").desiredReplicas() == 3);
  }

  /** A stateless pipeline over a 4-partition source, autoscaled on records of lag. */
  private static String autoscaled(String name, int maxReplicas, String window) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: %1$s
          team: bank
        spec:
          sources:
            - name: payments
              topic: bank.%1$s-payments
              partitions: 4
              fields: {account: string, amount: int}
          steps:
            - name: large
              input: payments
              filter: 'amount > 10'
          sinks:
            - {name: large, input: large, topic: bank.%1$s-large}
          runtime:
            replicas: {min: 1, max: %2$d}
            autoscaling: {targetLagRecords: 100, stabilizationWindow: %3$s}
        """
        .formatted(name, maxReplicas, window);
  }

  /**
   * The group commits offset 0 on every partition of the input after {@code perPartition} records
   * each.
   */
  private static void behind(String name, int partitions, int perPartition) throws Exception {
    String topic = "bank." + name + "-payments";
    for (int partition = 0; partition < partitions; partition++) {
      for (int i = 0; i < perPartition; i++) {
        producer.send(
            new ProducerRecord<>(topic, partition, "a" + i, "{\"account\":\"a\",\"amount\":1}"));
      }
    }
    producer.flush();
    Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      start.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
    }
    kafka.alterConsumerGroupOffsets("bank." + name, start).all().get();
  }

  /** The group commits the end of every partition of the input. */
  private static void caughtUp(String name) throws Exception {
    String topic = "bank." + name + "-payments";
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int partition = 0; partition < 4; partition++) {
      latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
    kafka
        .listOffsets(latest)
        .all()
        .get()
        .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
    kafka.alterConsumerGroupOffsets("bank." + name, ends).all().get();
  }

  /** Plays the Deployment's controller: every wanted pod runs and is ready. */
  private static void rollOut(String name) {
    Deployment deployment =
        await().atMost(WAIT).until(() -> deploymentOrNull(name), d -> d != null);
    kubernetes.rolledOut(deployment);
  }

  private static Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private static Deployment deploymentOrNull(String name) {
    return deployment(name);
  }

  private static PipelineResource resource(String name) {
    return client.resources(PipelineResource.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private static PipelineStatus status(String name) {
    PipelineResource resource = resource(name);
    return resource == null ? null : resource.getStatus();
  }

  private static List<Event> events(String name) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  private static String condition(String name, String type) {
    PipelineStatus status = status(name);
    return status == null ? "" : condition(status, type);
  }

  private static String condition(PipelineStatus status, String type) {
    return find(status, type).map(Condition::status).orElse("");
  }

  private static String reason(PipelineStatus status, String type) {
    return status == null ? "" : find(status, type).map(Condition::reason).orElse("");
  }

  private static String message(PipelineStatus status, String type) {
    return find(status, type).map(Condition::message).orElse("");
  }

  private static Optional<Condition> find(PipelineStatus status, String type) {
    return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }
}
