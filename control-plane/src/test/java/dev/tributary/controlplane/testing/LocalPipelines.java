package dev.tributary.controlplane.testing;

import static org.awaitility.Awaitility.await;

import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Records in and out of pipelines that run on the local target ({@link LocalTargetProfile}), and
 * their status through the API: the payments the tests send, what the pipelines write, and what
 * their consumer groups committed.
 */
public final class LocalPipelines {

  /** Long enough for workers to start on a shared two-core machine. */
  public static final Duration STARTUP = Duration.ofMinutes(3);

  private LocalPipelines() {}

  /** Payments {@code first..first+count-1}; amounts cycle 0, 10, …, 990: half are ≥ 500. */
  public static void pay(String topic, int first, int count) {
    try (CheckedProducer producer =
        new CheckedProducer(KafkaResource.broker().adminClientProperties())) {
      for (int seq = first; seq < first + count; seq++) {
        String account = "acct-" + (seq % 7);
        producer.send(
            topic,
            account,
            "{\"account\":\"%s\",\"seq\":%d,\"amount\":%d}"
                .formatted(account, seq, (seq % 100) * 10));
      }
    }
  }

  /** Every committed record of {@code topic}, in offset order per partition. */
  public static List<ConsumerRecord<String, String>> read(String topic) {
    Properties p = new Properties();
    p.putAll(KafkaResource.broker().adminClientProperties());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      if (partitions.isEmpty()) {
        return records;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** The offsets the consumer group {@code group} committed on the partitions of {@code topic}. */
  public static Map<Integer, Long> committed(String group, String topic) throws Exception {
    try (Admin admin = Admin.create(KafkaResource.broker().adminClientProperties())) {
      Map<Integer, Long> offsets = new java.util.TreeMap<>();
      Map<TopicPartition, OffsetAndMetadata> all =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      all.forEach(
          (partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
              offsets.put(partition.partition(), offset.offset());
            }
          });
      return offsets;
    }
  }

  /** Creates a topic with one partition and the given configs. */
  public static void createTopic(String topic, Map<String, String> configs) throws Exception {
    try (Admin admin = Admin.create(KafkaResource.broker().adminClientProperties())) {
      TestTopics.create(admin, List.of(new NewTopic(topic, 1, (short) 1).configs(configs)));
    }
  }

  public static int amount(String json) {
    return Integer.parseInt(json.replaceAll(".*\"amount\":(\\d+).*", "$1"));
  }

  /** The pipeline's status once it satisfies {@code condition}, or an error with the last one. */
  public static JsonPath awaitStatus(
      Api api, String team, String name, Predicate<JsonPath> condition) {
    List<String> last = new ArrayList<>(List.of(""));
    try {
      return await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                String body =
                    api.request()
                        .get(Api.pipelinePath(team, name) + "/status")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
                last.set(0, body);
                return new JsonPath(body);
              },
              s -> {
                try {
                  return condition.test(s);
                } catch (RuntimeException e) {
                  return false; // a field not there yet
                }
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the status of " + name + " did not get there; last: " + last.get(0), e);
    }
  }
}
