package dev.tributary.worker.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import dev.tributary.runtime.kafka.SendFailures;
import dev.tributary.runtime.topic.PartitionLeaders;

/** Plain Kafka clients for the integration tests: create topics, produce, read everything. */
final class KafkaClients {

  private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(30);

  private KafkaClients() {}

  /** Creates the topics and returns once every partition's leader takes writes. */
  static void createTopics(String bootstrap, Map<String, Integer> partitionsByTopic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
      admin.createTopics(topics).all().get();
      PartitionLeaders.require(admin, partitionsByTopic, LEADERS_TIMEOUT);
    }
  }

  /** An idempotent producer whose every send is checked: see {@link Writer}. */
  static Writer writer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new Writer(new KafkaProducer<>(p, new StringSerializer(), new StringSerializer()));
  }

  /**
   * Writes a test's input and fails the test at once, with the cause, when a send fails: each
   * {@link #send} first checks the sends before it, and {@link #close()} flushes and checks all.
   */
  static final class Writer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final SendFailures failures = new SendFailures();

    private Writer(KafkaProducer<String, String> producer) {
      this.producer = producer;
    }

    void send(ProducerRecord<String, String> record) {
      failures.check();
      producer.send(record, failures);
    }

    @Override
    public void close() {
      try {
        producer.flush();
        failures.check();
      } finally {
        producer.close();
      }
    }
  }

  /**
   * Every committed record of {@code topic} up to its end as of now: read_committed, so aborted
   * transactions of crashed workers are invisible, exactly as downstream consumers see them.
   */
  static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Under read_committed the end offsets are the last stable offsets.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!reached(consumer, end.keySet(), end)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.get(tp)) {
        return false;
      }
    }
    return true;
  }
}
