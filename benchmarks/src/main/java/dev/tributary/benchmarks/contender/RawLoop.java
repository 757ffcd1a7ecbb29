package dev.tributary.benchmarks.contender;

import dev.tributary.runtime.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The practical limit: one thread that polls, transforms each value and sends it on, keeping key
 * and timestamp, and commits every commit interval — under exactly-once in a producer transaction
 * with the consumed offsets (as Kafka Streams does), otherwise by flushing the producer and then
 * committing the offsets. Client settings follow Kafka Streams' defaults (linger.ms 100,
 * max.poll.records 1000, read_committed), so that the loop differs from Streams only in what
 * Streams adds.
 */
final class RawLoop implements RunningContender {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final Run run;
  private final UnaryOperator<byte[]> transform;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final AtomicReference<String> crash = new AtomicReference<>();
  private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
  private final Callback onFailure =
      (metadata, e) -> {
        if (e != null) {
          crash.compareAndSet(null, e.toString());
        }
      };
  private volatile long readyAtMillis;
  private volatile boolean stopping;

  private RawLoop(KafkaConnection identity, Run run, UnaryOperator<byte[]> transform) {
    this.run = run;
    this.transform = transform;
    Map<String, Object> consumerConfig =
        identity.clientProperties(run.applicationId() + "-consumer");
    consumerConfig.putAll(
        Map.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            run.applicationId(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            1000,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"));
    this.consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerConfig =
        identity.clientProperties(run.applicationId() + "-producer");
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 100);
    if (run.guarantee().transactional()) {
      // Under the application id's prefix, as Kafka Streams names its transactional ids.
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, run.applicationId() + "-raw");
    }
    this.producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::loop, run.applicationId() + "-raw-loop");
  }

  /**
   * Starts the loop and returns once its consumer has partitions.
   *
   * @param transform the output value of an input value, or null to drop the record
   */
  static RawLoop start(KafkaConnection identity, Run run, UnaryOperator<byte[]> transform) {
    RawLoop loop = new RawLoop(identity, run, transform);
    loop.thread.start();
    try {
      if (!loop.assigned.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        loop.close();
        throw new IllegalStateException(
            run.applicationId() + " got no partitions within " + STARTUP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loop.close();
      throw new IllegalStateException("interrupted while starting " + run.applicationId(), e);
    }
    return loop;
  }

  private void loop() {
    boolean transactional = run.guarantee().transactional();
    long commitIntervalMillis = run.guarantee().commitInterval().toMillis();
    try {
      if (transactional) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      consumer.subscribe(List.of(run.inputTopic()), new ReadyOnAssignment());
      long lastCommit = System.currentTimeMillis();
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          byte[] value = transform.apply(record.value());
          if (value != null) {
            producer.send(
                new ProducerRecord<>(
                    run.outputTopic(), null, record.timestamp(), record.key(), value),
                onFailure);
          }
          consumed.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
        }
        long now = System.currentTimeMillis();
        if (now - lastCommit >= commitIntervalMillis) {
          commit(transactional);
          if (transactional) {
            producer.beginTransaction();
          }
          lastCommit = now;
        }
      }
      commit(transactional);
    } catch (RuntimeException e) {
      crash.compareAndSet(null, e.toString());
      assigned.countDown();
    } finally {
      consumer.close();
      producer.close();
    }
  }

  private void commit(boolean transactional) {
    if (transactional) {
      if (!consumed.isEmpty()) {
        producer.sendOffsetsToTransaction(Map.copyOf(consumed), consumer.groupMetadata());
      }
      producer.commitTransaction();
    } else if (!consumed.isEmpty()) {
      producer.flush();
      consumer.commitSync(Map.copyOf(consumed));
    }
    consumed.clear();
  }

  @Override
  public String groupId() {
    return run.applicationId();
  }

  @Override
  public long readyAtMillis() {
    return readyAtMillis;
  }

  @Override
  public Optional<String> failure() {
    return Optional.ofNullable(crash.get()).map(e -> run.applicationId() + " failed: " + e);
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class ReadyOnAssignment implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty() && readyAtMillis == 0) {
        readyAtMillis = System.currentTimeMillis();
        assigned.countDown();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
  }
}
