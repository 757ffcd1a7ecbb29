package dev.tributary.controlplane.kafka;

import dev.tributary.controlplane.deploy.DeployTargetConfig;
import dev.tributary.controlplane.deploy.local.LocalTargetConfig;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.runtime.kafka.KafkaConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka cluster as the control plane reaches it, with the platform's own identity: the brokers
 * ({@code tributary.kafka.bootstrap-servers}, or the local target's) and the client settings of the
 * admin identity, from {@code tributary.kafka.client-properties-file} (a properties file such as
 * local-stack's {@code admin.properties} or a mounted Secret) and {@code
 * tributary.kafka.properties.*}, the latter winning.
 */
@ApplicationScoped
public class PlatformKafka {

  @Inject KafkaReadConfig config;
  @Inject DeployTargetConfig deploy;
  @Inject LocalTargetConfig local;

  private Admin admin;

  /** The cluster, if the control plane has one. */
  public Optional<KafkaConnection> connection() {
    Optional<String> bootstrap =
        config
            .bootstrapServers()
            .or(
                () ->
                    deploy.target() == DeployTargetConfig.Kind.LOCAL
                        ? Optional.of(local.bootstrapServers())
                        : Optional.empty());
    return bootstrap.map(servers -> new KafkaConnection(servers, settings()));
  }

  /** The cluster; a 503 problem when none is configured. */
  public KafkaConnection require() {
    return connection()
        .orElseThrow(
            () ->
                Problems.kafkaUnavailable(
                    "the control plane has no Kafka cluster; set tributary.kafka.bootstrap-servers"));
  }

  /** The client settings of the platform's identity, besides the brokers. */
  public Map<String, String> settings() {
    Map<String, String> settings = new TreeMap<>();
    config.clientPropertiesFile().ifPresent(file -> settings.putAll(KafkaConnection.read(file)));
    settings.putAll(config.properties());
    return settings;
  }

  /** One Admin client for the control plane's own changes (users and ACLs), made on first use. */
  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(require().clientProperties("tributary-control-plane"));
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
