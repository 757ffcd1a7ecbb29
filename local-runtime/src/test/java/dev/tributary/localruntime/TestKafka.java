package dev.tributary.localruntime;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.runtime.testing.CheckedProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Plain Kafka clients for the integration tests: write payments, read what pipelines wrote. */
final class TestKafka implements AutoCloseable {

  private final Map<String, Object> client;
  private final Admin admin;

  /** Clients with the broker's admin identity, which a secured broker asks for. */
  TestKafka(KafkaBroker broker) {
    this.client = Map.copyOf(broker.adminClientProperties());
    this.admin = Admin.create(client);
  }

  Admin admin() {
    return admin;
  }

  /** Writes {@code count} payments of 1..100 cents spread over {@code accounts} accounts. */
  void pay(String topic, int firstSeq, int count, int accounts) {
    try (CheckedProducer producer = producer()) {
      for (int seq = firstSeq; seq < firstSeq + count; seq++) {
        String account = "acct-" + (seq % accounts);
        producer.send(
            new ProducerRecord<>(
                topic,
                account,
                "{\"account\":\""
                    + account
                    + "\",\"seq\":"
                    + seq
                    + ",\"amount\":"
                    + (1 + seq % 100)
                    + "}"));
      }
      producer.flush();
    }
  }

  /** A producer whose failed sends fail the test at once, with their cause. */
  CheckedProducer producer() {
    return new CheckedProducer(client);
  }

  /**
   * Every committed record of {@code topic} up to its end now, as read_committed consumers see it.
   */
  List<ConsumerRecord<String, String>> readCommitted(String topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
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
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** The latest value per key of a table-like topic. */
  Map<String, String> latestByKey(String topic) {
    Map<String, String> latest = new HashMap<>();
    readCommitted(topic).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  Set<String> topics() throws ExecutionException, InterruptedException {
    return admin.listTopics().names().get();
  }

  TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
    return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
  }

  Set<String> groups() throws ExecutionException, InterruptedException {
    Set<String> groups = new HashSet<>();
    for (GroupListing listing : admin.listGroups().all().get()) {
      groups.add(listing.groupId());
    }
    return groups;
  }

  @Override
  public void close() {
    admin.close();
  }
}
