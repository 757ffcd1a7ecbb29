package dev.tributary.controlplane.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Kafka cluster the control plane reads from itself (dead letters, previews), {@code
 * TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS} and so on. With the local deploy target it defaults to that
 * target's cluster ({@code tributary.local.bootstrap-servers}).
 */
@ConfigMapping(prefix = "tributary.kafka")
public interface KafkaReadConfig {

  /** The cluster; absent with no local target means the control plane reads nothing from Kafka. */
  Optional<String> bootstrapServers();

  /** How long one read (metadata, offsets and records together) may take. */
  @WithDefault("5s")
  Duration readTimeout();

  /**
   * A properties file with the client settings of the platform's Kafka identity ({@code
   * security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.*}), such as
   * {@code ./tributary up}'s {@code kafka/admin.properties} or a file mounted from a Secret. With
   * SASL the cluster is secured: pipelines and teams get credentials of their own.
   */
  Optional<java.nio.file.Path> clientPropertiesFile();

  /** Client settings that add to or override the file's, such as {@code security.protocol}. */
  Map<String, String> properties();
}
