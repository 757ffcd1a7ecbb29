package dev.tributary.benchmarks.measure;

import dev.tributary.benchmarks.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Consumers of a whole output topic: all partitions from the start, committed records only. */
final class OutputConsumers {

  private OutputConsumers() {}

  static KafkaConsumer<byte[], byte[]> fromStart(Cluster cluster, String topic) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            cluster.clientConfig(
                Map.of(
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "tributary-benchmark-output-" + topic,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                    2000)),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = List.of();
    // Metadata of a topic created a moment ago may not have reached this client yet.
    for (int attempt = 0; partitions.size() < Cluster.PARTITIONS && attempt < 100; attempt++) {
      partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.size() < Cluster.PARTITIONS) {
        ThroughputRun.sleep(Duration.ofMillis(50));
      }
    }
    if (partitions.size() < Cluster.PARTITIONS) {
      consumer.close();
      throw new IllegalStateException("no metadata for " + topic);
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
