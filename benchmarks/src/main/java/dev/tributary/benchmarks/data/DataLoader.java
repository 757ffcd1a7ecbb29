package dev.tributary.benchmarks.data;

import dev.tributary.benchmarks.Cluster;
import dev.tributary.runtime.kafka.SendFailures;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the transactions and the card table to their topics, keyed by card id with Kafka's default
 * partitioner, so that both topics are co-partitioned as the join needs. Records keep the event
 * times the data gives them.
 */
public final class DataLoader {

  private DataLoader() {}

  public static void load(Cluster cluster, TransactionData data) {
    // Event times lie a day back and must stay: no time-based deletion on the inputs.
    cluster.createTopic(Topics.TRANSACTIONS, Map.of("retention.ms", "-1"));
    cluster.createTopic(Topics.CARDS, Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
    SendFailures failures = new SendFailures();
    try (Producer<byte[], byte[]> producer = bulkProducer(cluster)) {
      for (TransactionData.CardRow card : data.cards()) {
        producer.send(
            new ProducerRecord<>(Topics.CARDS, null, card.timestamp(), card.key(), card.value()),
            failures);
      }
      for (int i = 0; i < data.count(); i++) {
        producer.send(
            new ProducerRecord<>(
                Topics.TRANSACTIONS, null, data.timestamp(i), data.key(i), data.value(i)),
            failures);
      }
      producer.flush();
    }
    failures.check();
  }

  private static Producer<byte[], byte[]> bulkProducer(Cluster cluster) {
    return new KafkaProducer<>(
        cluster.clientConfig(
            Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                "tributary-benchmark-loader",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024)),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
