package dev.tributary.examples;

import dev.tributary.examples.generator.Message;
import dev.tributary.runtime.kafka.SendFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing the test's input and reading the pipelines' committed output. */
final class KafkaIo implements AutoCloseable {

  private final Map<String, Object> client;
  private final KafkaProducer<String, String> producer;
  private final Admin admin;

  /**
   * @param client the brokers and the identity to connect with
   */
  KafkaIo(Map<String, Object> client) {
    this.client = Map.copyOf(client);
    Properties config = new Properties();
    config.putAll(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    this.admin = Admin.create(client);
  }

  /** Writes the messages and returns once all are acknowledged; a failed send throws its cause. */
  void send(Collection<Message> messages) throws Exception {
    SendFailures failures = new SendFailures();
    for (Message m : messages) {
      producer.send(
          new ProducerRecord<>(m.topic(), null, m.timestamp(), m.key(), m.value()), failures);
    }
    producer.flush();
    failures.check();
  }

  Set<String> topics() throws Exception {
    return admin.listTopics().names().get(30, TimeUnit.SECONDS);
  }

  Admin admin() {
    return admin;
  }

  /**
   * Reads the topics from the beginning with {@code read_committed} until {@code done} holds for
   * what was read, or the timeout passes; returns what was read.
   */
  List<ConsumerRecord<String, String>> readUntil(
      Collection<String> topics,
      Predicate<List<ConsumerRecord<String, String>>> done,
      Duration timeout) {
    Properties config = new Properties();
    config.putAll(client);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-it-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      // Anything more within a second would be a duplicate or an unexpected record.
      long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < settle) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  @Override
  public void close() {
    producer.close();
    admin.close();
  }
}
