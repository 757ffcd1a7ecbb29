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

  /** Extra consumer settings, such as {@code security.protocol}. */
  Map<String, String> properties();
}
