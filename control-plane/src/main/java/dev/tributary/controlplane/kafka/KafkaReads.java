package dev.tributary.controlplane.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Short-lived consumers for the control plane's own reads of a team's topics. They join no group
 * and commit nothing: partitions are assigned, so reading leaves no trace on the cluster. They see
 * committed records only, as the pipelines' workers do (exactly-once writes transactionally).
 */
@ApplicationScoped
public class KafkaReads {

  @Inject KafkaReadConfig config;
  @Inject PlatformKafka kafka;

  /** A consumer of raw bytes; a 503 problem when no cluster is configured. */
  public KafkaConsumer<byte[], byte[]> consumer(String purpose) {
    int timeoutMillis = (int) timeout().toMillis();
    Properties properties = new Properties();
    properties.putAll(kafka.require().clientProperties("tributary-control-plane-" + purpose));
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // reading creates nothing, not even a topic a pipeline has not written yet
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
    properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMillis);
    properties.put(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1_000);
    properties.put("socket.connection.setup.timeout.max.ms", timeoutMillis);
    return new KafkaConsumer<>(
        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** How long one read may take in all. */
  public Duration timeout() {
    return config.readTimeout();
  }
}
