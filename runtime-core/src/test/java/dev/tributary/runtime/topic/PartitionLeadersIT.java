package dev.tributary.runtime.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import dev.tributary.runtime.kafka.SendFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Topics created and written at once lose nothing: an idempotent producer that starts writing right
 * after the topics are created (or grown) and {@link PartitionLeaders} has let it go, gets every
 * record acknowledged, round after round, each with a fresh producer and fresh partitions.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PartitionLeadersIT {

  private static final int ROUNDS = 60;
  private static final int PARTITIONS = 6;
  private static final int RECORDS = 600;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static Admin admin;
  private static String bootstrap;

  @BeforeAll
  static void connect(KafkaBroker kafka) {
    bootstrap = kafka.bootstrapServers();
    admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void createdTopicsTakeEveryRecordWrittenImmediately() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String topic = "leaders.created-" + round;
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
      PartitionLeaders.require(admin, Map.of(topic, PARTITIONS), TIMEOUT);

      writeAndCount(topic, "round " + round);
    }
  }

  @Test
  void grownTopicsTakeEveryRecordWrittenToTheirNewPartitionsImmediately() throws Exception {
    for (int round = 0; round < 10; round++) {
      String topic = "leaders.grown-" + round;
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      PartitionLeaders.require(admin, Map.of(topic, 1), TIMEOUT);
      admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(PARTITIONS))).all().get();
      PartitionLeaders.require(admin, Map.of(topic, PARTITIONS), TIMEOUT);

      writeAndCount(topic, "round " + round);
    }
  }

  @Test
  void provisionedTopicsTakeEveryRecordWrittenImmediately() throws Exception {
    TopicProvisioner provisioner = new TopicProvisioner(admin, 1, (short) 1, TIMEOUT);
    for (int round = 0; round < 10; round++) {
      List<TopicPlan> plans = new ArrayList<>();
      for (String role : List.of("in", "out", "dlq")) {
        plans.add(
            new TopicPlan(
                "leaders.provisioned-" + round + "-" + role,
                TopicRole.SOURCE,
                OptionalInt.of(PARTITIONS),
                Map.of()));
      }
      TopicProvisioning provisioned = provisioner.provision(plans);
      assertThat(provisioned.succeeded()).as(provisioned.failures().toString()).isTrue();

      for (TopicPlan plan : plans) {
        writeAndCount(plan.name(), "round " + round);
      }
    }
  }

  @Test
  void aTopicThatNeverAppearsIsNamedWithItsReason() throws Exception {
    Map<String, String> notReady =
        PartitionLeaders.await(admin, Map.of("leaders.missing", 1), Duration.ofMillis(500));

    assertThat(notReady).containsOnlyKeys("leaders.missing");
    assertThat(notReady.get("leaders.missing")).startsWith("not visible yet");
    assertThatThrownBy(
            () ->
                PartitionLeaders.require(
                    admin, Map.of("leaders.missing", 1), Duration.ofMillis(200)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leaders.missing");
  }

  @Test
  void aTopicWithFewerPartitionsThanExpectedIsNotReady() throws Exception {
    admin.createTopics(List.of(new NewTopic("leaders.small", 2, (short) 1))).all().get();

    Map<String, String> notReady =
        PartitionLeaders.await(admin, Map.of("leaders.small", 4), Duration.ofMillis(500));

    assertThat(notReady).containsEntry("leaders.small", "2 of 4 partitions visible");
  }

  /** Writes to every partition with a new idempotent producer, checking each send, then counts. */
  private static void writeAndCount(String topic, String what) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // A lost first batch shows as a failed send within seconds, not after the default two minutes.
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    SendFailures failures = new SendFailures();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, i % PARTITIONS, "k" + i, "v" + i), failures);
      }
      producer.flush();
    }
    failures.check();

    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long written =
        admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    assertThat(written).as("records in %s after %s", topic, what).isEqualTo(RECORDS);
  }
}
