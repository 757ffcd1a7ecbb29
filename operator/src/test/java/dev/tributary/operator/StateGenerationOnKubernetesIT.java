package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.pipeline.workers.PipelineDocumentConfigMap;
import dev.tributary.operator.pipeline.workers.WorkerAnnotations;
import dev.tributary.operator.testing.KubeletStandIn;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reset-state} on Kubernetes: an incompatible change applied to the {@code Pipeline}
 * resource with {@code spec.upgrade.mode: reset-state} while records flow stops the old workers,
 * hands the old group's offsets to the new generation's group and runs it under its own application
 * id; every payment is copied once across both generations. The same kind of change without the
 * mode is refused in the status and the workers keep running.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StateGenerationOnKubernetesIT {

  private static final String NAMESPACE = "team-bank";
  private static final String NAME = "genk8s";
  private static final int RECORDS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path pods;

  @Test
  void aResetUnderLoadHandsTheOffsetsOverAndAnIncompatibleChangeWithoutItIsRefused(
      KafkaBroker broker) throws Exception {
    try (KubernetesStandIn kubernetes = KubernetesStandIn.start();
        TributaryOperator operator =
            TributaryOperator.create(
                kubernetes.client(),
                TestOperators.settings(broker.bootstrapServers()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC(),
                false);
        KubeletStandIn kubelet =
            KubeletStandIn.start(
                kubernetes.client(), Path.of(System.getProperty("tributary.worker.jar")), pods);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      KubernetesClient client = kubernetes.client();
      kubernetes.namespace(NAMESPACE, Map.of(), Map.of());
      operator.start();
      String first = TestPipelines.totals(NAME, 3, 1);
      client.resource(Pipelines.resource(NAMESPACE, NAME, first)).create();
      awaitRunning(client, kubelet, 1);

      ExecutorService producing = Executors.newSingleThreadExecutor();
      Future<?> produced = producing.submit(() -> produce(broker));
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> readCommitted(broker, "bank.genk8s-copies").size() >= RECORDS / 5);

      // Totals per account instead of per record key: the store is keyed by the group.
      String grouped =
          first
              .replace(
                  "      aggregate:\n", "      aggregate:\n        groupBy: {account: account}\n")
              .replace("  runtime:\n", "  upgrade: {mode: reset-state}\n  runtime:\n");
      assertThat(grouped).contains("groupBy").contains("reset-state");
      edit(client, grouped);
      awaitRunning(client, kubelet, 2);

      produced.get(3, TimeUnit.MINUTES);
      producing.shutdown();
      List<String> copies =
          await()
              .atMost(Duration.ofMinutes(3))
              .until(() -> readCommitted(broker, "bank.genk8s-copies"), c -> c.size() >= RECORDS);
      Set<Long> seen = new HashSet<>();
      for (String copy : copies) {
        long seq = JSON.readTree(copy).get("seq").asLong();
        assertThat(seen.add(seq)).as("seq %d copied once", seq).isTrue();
      }
      assertThat(copies).hasSize(RECORDS);

      StatefulSet workload =
          client.apps().statefulSets().inNamespace(NAMESPACE).withName(NAME).get();
      assertThat(workload.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
          .contains(new EnvVar("TRIBUTARY_STATE_GENERATION", "2", null));
      // The new group started at the old one's offsets; the old group and its internal topics go.
      assertThat(
              admin
                  .listConsumerGroupOffsets("bank.genk8s.2")
                  .partitionsToOffsetAndMetadata()
                  .get()
                  .get(new TopicPartition("bank.genk8s-payments", 0)))
          .isNotNull();
      await()
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () -> {
                Set<String> groups = new HashSet<>();
                for (GroupListing g : admin.listGroups().all().get()) {
                  groups.add(g.groupId());
                }
                assertThat(groups).doesNotContain("bank.genk8s").contains("bank.genk8s.2");
                assertThat(admin.listTopics().names().get())
                    .noneMatch(t -> t.startsWith("bank.genk8s-") && t.endsWith("-changelog"));
                assertThat(configMap(client).getMetadata().getAnnotations())
                    .containsEntry(WorkerAnnotations.STATE_GENERATION, "2")
                    .containsEntry(WorkerAnnotations.RETIRED_APPLICATIONS, "");
              });

      // Another incompatible change, without reset-state: refused, the workers keep running.
      String withoutSum =
          grouped
              .replace("          sum: {fn: sum, of: amount}\n", "")
              .replace("upgrade: {mode: reset-state}", "upgrade: {mode: keep-state}");
      assertThat(withoutSum).doesNotContain("sum:").contains("keep-state");
      edit(client, withoutSum);
      PipelineStatus refused =
          await()
              .atMost(Duration.ofMinutes(1))
              .until(
                  () -> status(client),
                  s ->
                      s != null
                          && s.conditions().stream()
                              .anyMatch(
                                  c ->
                                      c.type().equals(Condition.VALID)
                                          && c.reason().equals("StateIncompatible")));
      Condition valid =
          refused.conditions().stream()
              .filter(c -> c.type().equals(Condition.VALID))
              .findFirst()
              .orElseThrow();
      assertThat(valid.status()).isEqualTo("False");
      assertThat(valid.message())
          .contains("aggregate totals")
          .contains("keep-state was asked for and cannot be honoured")
          .contains("the workers keep running");
      assertThat(configMap(client).getData().get("pipeline.yaml")).contains("sum");
      assertThat(configMap(client).getMetadata().getAnnotations())
          .containsEntry(WorkerAnnotations.STATE_GENERATION, "2");
    }
  }

  private static void edit(KubernetesClient client, String document) {
    client
        .resources(PipelineResource.class)
        .inNamespace(NAMESPACE)
        .withName(NAME)
        .edit(
            r -> {
              r.setSpec(Pipelines.spec(document));
              return r;
            });
  }

  private static void awaitRunning(
      KubernetesClient client, KubeletStandIn kubelet, int generation) {
    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () -> {
              PipelineStatus status = status(client);
              ConfigMap document = configMap(client);
              return status != null
                  && status.phase() == PipelinePhase.RUNNING
                  && document != null
                  && String.valueOf(generation)
                      .equals(
                          document
                              .getMetadata()
                              .getAnnotations()
                              .get(WorkerAnnotations.STATE_GENERATION))
                  && status.readyReplicas() != null
                  && status.readyReplicas() >= 1
                  && status.observedGeneration() != null
                  && status
                      .observedGeneration()
                      .equals(
                          client
                              .resources(PipelineResource.class)
                              .inNamespace(NAMESPACE)
                              .withName(NAME)
                              .get()
                              .getMetadata()
                              .getGeneration());
            });
  }

  private static PipelineStatus status(KubernetesClient client) {
    PipelineResource resource =
        client.resources(PipelineResource.class).inNamespace(NAMESPACE).withName(NAME).get();
    return resource == null ? null : resource.getStatus();
  }

  private static ConfigMap configMap(KubernetesClient client) {
    return client
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName(PipelineDocumentConfigMap.name(NAME))
        .get();
  }

  /** The payments, paced over about 20 s so that the update lands while they flow. */
  private static void produce(KafkaBroker broker) {
    long start = System.nanoTime();
    try (CheckedProducer producer = new CheckedProducer(broker.bootstrapServers())) {
      for (int seq = 0; seq < RECORDS; seq++) {
        String account = "acct-" + seq % 20;
        producer.send(
            new ProducerRecord<>(
                "bank.genk8s-payments",
                account,
                "{\"account\":\"" + account + "\",\"seq\":" + seq + ",\"amount\":1}"));
        if (seq % 250 == 249) {
          long wait = start + (seq + 1L) * 20_000_000_000L / RECORDS - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
          }
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every committed value of {@code topic} up to its end now. */
  private static List<String> readCommitted(KafkaBroker broker, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }
}
