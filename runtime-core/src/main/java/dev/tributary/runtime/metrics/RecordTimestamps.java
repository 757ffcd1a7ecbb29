package dev.tributary.runtime.metrics;

import dev.tributary.runtime.kafka.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the timestamp of the record at given offsets: one consumer without a group, assigned the
 * partitions asked for, each positioned at its offset, polled until every partition gave its first
 * record or the deadline passed. Fetches are kept to the least the broker sends (one batch per
 * partition), and values are not decoded.
 *
 * <p>Used for a partition whose oldest unprocessed record is older than anything the lag history
 * saw, such as a pipeline started on a backlog. Not thread-safe: one collection at a time.
 */
public final class RecordTimestamps implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration timeout;

  public RecordTimestamps(String bootstrapServers, String clientId, Duration timeout) {
    this(KafkaConnection.plain(bootstrapServers), clientId, timeout);
  }

  public RecordTimestamps(KafkaConnection kafka, String clientId, Duration timeout) {
    this.timeout = timeout;
    Map<String, Object> config = new HashMap<>(kafka.clientProperties(clientId));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    // The broker always sends at least one batch per partition: only the first record is wanted.
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1);
    config.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(config);
  }

  /**
   * @param offsets for each partition, the offset whose record's timestamp is wanted
   * @return the timestamp (epoch milliseconds) of the first committed record at or after each
   *     offset; partitions without one before the deadline are absent
   */
  public Map<TopicPartition, Long> at(Map<TopicPartition, Long> offsets) {
    Map<TopicPartition, Long> found = new HashMap<>();
    if (offsets.isEmpty()) {
      return found;
    }
    try {
      consumer.assign(offsets.keySet());
      offsets.forEach(consumer::seek);
      Set<TopicPartition> waiting = new HashSet<>(offsets.keySet());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!waiting.isEmpty() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records =
            consumer.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        for (TopicPartition tp : records.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> some = records.records(tp);
          if (!some.isEmpty() && waiting.remove(tp)) {
            found.put(tp, some.get(0).timestamp());
            consumer.pause(List.of(tp));
          }
        }
      }
    } finally {
      consumer.assign(List.of());
    }
    return found;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
