package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.examples.generator.CardTransactions;
import dev.tributary.examples.generator.Message;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.testing.KubeletStandIn;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.runtime.testing.CheckedProducer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The card-fraud example end to end on the operator: {@code examples/card-fraud/pipeline.yaml}
 * applied as a {@code Pipeline} resource in the payments team's namespace, its StatefulSet's pod
 * run as a real worker by the kubelet stand-in, and the example's cards and transactions in Kafka:
 * the one card that spends beyond its limit within a minute raises exactly one alert.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CardFraudOnKubernetesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();

  /** A minute, aligned as the pipeline's tumbling windows are, well inside retention. */
  private static final long W =
      (System.currentTimeMillis() - Duration.ofMinutes(20).toMillis()) / 60_000 * 60_000;

  @TempDir Path pods;

  @Test
  void theExampleRaisesOneAlertForTheCardThatSpentBeyondItsLimit(KafkaBroker broker)
      throws Exception {
    String document = Files.readString(ROOT.resolve("examples/card-fraud/pipeline.yaml"));
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
                kubernetes.client(), Path.of(System.getProperty("tributary.worker.jar")), pods)) {
      kubernetes.namespace("team-payments", Map.of(), Map.of());
      operator.start();

      kubernetes
          .client()
          .resource(Pipelines.resource("team-payments", "card-fraud", document))
          .create();

      List<String> tickCards = keysOnEveryPartition("card-t", 3);
      List<Message> cards = new ArrayList<>();
      cards.add(CardTransactions.card("card-9001", "Spender", 1000.0, "DE", W - 3_600_000));
      cards.add(CardTransactions.card("card-9002", "Saver", 5000.0, "DE", W - 3_600_000));
      tickCards.forEach(
          card -> cards.add(CardTransactions.card(card, "Tick", 1e9, "DE", W - 3_600_000)));
      awaitPhase(kubernetes, kubelet, PipelinePhase.RUNNING);
      send(broker, cards);

      List<Message> transactions = new ArrayList<>();
      transactions.add(tx("tx-a1", "card-9001", 600, W + 5_000));
      transactions.add(tx("tx-a2", "card-9001", 600, W + 10_000));
      transactions.add(tx("tx-a3", "card-9001", 600, W + 15_000));
      transactions.add(tx("tx-a2", "card-9001", 600, W + 10_000)); // a retried duplicate
      transactions.add(tx("tx-b1", "card-9002", 100, W + 6_000));
      transactions.add(tx("tx-b2", "card-9002", 100, W + 7_000));
      send(broker, transactions);
      // Stream time passes the window's end and grace on every partition.
      List<Message> ticks = new ArrayList<>();
      tickCards.forEach(card -> ticks.add(tx("tick-" + card, card, 1, W + 180_000)));
      send(broker, ticks);

      List<ConsumerRecord<String, String>> alerts =
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> readCommitted(broker, "payments.fraud-alerts"),
                  records -> !records.isEmpty());

      assertThat(alerts).as(kubelet.logs("team-payments", "card-fraud")).hasSize(1);
      JsonNode alert = JSON.readTree(alerts.get(0).value());
      assertThat(alert.path("cardId").asText()).isEqualTo("card-9001");
      assertThat(alert.path("spent").asDouble()).isEqualTo(1800.0);
      assertThat(alert.path("overLimitBy").asDouble()).isEqualTo(800.0);
      assertThat(alert.path("transactions").asLong()).isEqualTo(3);
      assertThat(alert.path("windowStart").asLong()).isEqualTo(W);
    }
  }

  private static void awaitPhase(
      KubernetesStandIn kubernetes, KubeletStandIn kubelet, PipelinePhase phase) {
    await()
        .atMost(Duration.ofMinutes(3))
        .failFast(
            "a worker ended: " + kubelet.logs("team-payments", "card-fraud"),
            () -> kubelet.anyPodEnded("team-payments", "card-fraud"))
        .until(
            () -> {
              PipelineResource resource =
                  kubernetes
                      .client()
                      .resources(PipelineResource.class)
                      .inNamespace("team-payments")
                      .withName("card-fraud")
                      .get();
              PipelineStatus status = resource == null ? null : resource.getStatus();
              return status != null && status.phase() == phase;
            });
  }

  private static Message tx(String txId, String card, double amount, long ts) {
    return CardTransactions.transaction(txId, card, amount, "shop", "DE", ts);
  }

  private static void send(KafkaBroker broker, List<Message> messages) {
    try (CheckedProducer producer = new CheckedProducer(broker.bootstrapServers())) {
      for (Message m : messages) {
        producer.send(new ProducerRecord<>(m.topic(), null, m.timestamp(), m.key(), m.value()));
      }
    }
  }

  /** Keys that the default partitioner spreads over every one of {@code partitions}. */
  private static List<String> keysOnEveryPartition(String prefix, int partitions) {
    List<String> keys = new ArrayList<>();
    Set<Integer> covered = new HashSet<>();
    for (int i = 0; covered.size() < partitions; i++) {
      String key = prefix + i;
      if (covered.add(Utils.toPositive(Utils.murmur2(key.getBytes())) % partitions)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static List<ConsumerRecord<String, String>> readCommitted(
      KafkaBroker broker, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
