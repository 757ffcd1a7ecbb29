package dev.tributary.operator;

import dev.tributary.operator.pipeline.workers.WorkerPodSettings;
import dev.tributary.runtime.kafka.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator's configuration, from environment variables (the Deployment that runs it sets them;
 * docs/kubernetes.md lists them with their defaults).
 *
 * @param bootstrapServers the Kafka cluster the operator provisions topics in and the workers use
 * @param defaultPartitions partitions of a topic the pipeline does not size
 * @param replicationFactor replication of created topics; -1 takes the brokers' {@code
 *     default.replication.factor}
 * @param adminTimeout how long one Kafka Admin call may take
 * @param topicRecheck how often a running pipeline's topics are checked again
 * @param managementPort port of {@code /healthz}, {@code /readyz} and {@code /metrics}
 * @param namespaces the namespaces watched; empty for all
 * @param leaseNamespace where the leader-election lease lives; null runs without leader election
 * @param identity this replica's name in the lease (its pod name)
 * @param lagInterval time between two rounds that measure every pipeline's lag
 * @param lagWindow how long lag samples are kept to judge the lag's trend (Burrow's window)
 * @param kafkaSettings client settings of the operator's Kafka identity besides the brokers, from
 *     the properties file {@code TRIBUTARY_KAFKA_CLIENT_PROPERTIES_FILE} (a mounted Secret); with
 *     SASL the cluster is secured and every pipeline's workers get a credential of their own
 */
public record OperatorSettings(
    String bootstrapServers,
    WorkerPodSettings worker,
    int defaultPartitions,
    short replicationFactor,
    Duration adminTimeout,
    Duration topicRecheck,
    int managementPort,
    Set<String> namespaces,
    String leaseNamespace,
    String identity,
    Duration lagInterval,
    Duration lagWindow,
    Map<String, String> kafkaSettings) {

  public OperatorSettings {
    kafkaSettings = Map.copyOf(kafkaSettings);
  }

  /** Settings for a cluster without authentication. */
  public OperatorSettings(
      String bootstrapServers,
      WorkerPodSettings worker,
      int defaultPartitions,
      short replicationFactor,
      Duration adminTimeout,
      Duration topicRecheck,
      int managementPort,
      Set<String> namespaces,
      String leaseNamespace,
      String identity,
      Duration lagInterval,
      Duration lagWindow) {
    this(
        bootstrapServers,
        worker,
        defaultPartitions,
        replicationFactor,
        adminTimeout,
        topicRecheck,
        managementPort,
        namespaces,
        leaseNamespace,
        identity,
        lagInterval,
        lagWindow,
        Map.of());
  }

  /** The cluster as the operator's own clients reach it. */
  public KafkaConnection kafka() {
    return new KafkaConnection(bootstrapServers, kafkaSettings);
  }

  public OperatorSettings withKafkaSettings(Map<String, String> settings) {
    return new OperatorSettings(
        bootstrapServers,
        worker,
        defaultPartitions,
        replicationFactor,
        adminTimeout,
        topicRecheck,
        managementPort,
        namespaces,
        leaseNamespace,
        identity,
        lagInterval,
        lagWindow,
        settings);
  }

  public static final String LEASE_NAME = "tributary-operator";

  /**
   * Worker settings the operator passes on: {@code TRIBUTARY_WORKER_KAFKA_X} becomes {@code
   * KAFKA_X}.
   */
  static final String WORKER_KAFKA_PREFIX = "TRIBUTARY_WORKER_KAFKA_";

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    String bootstrap = env.get("TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          "the environment variable TRIBUTARY_KAFKA_BOOTSTRAP_SERVERS is required");
    }
    Map<String, String> workerKafka = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(WORKER_KAFKA_PREFIX)
              && name.length() > WORKER_KAFKA_PREFIX.length()) {
            workerKafka.put("KAFKA_" + name.substring(WORKER_KAFKA_PREFIX.length()), value);
          }
        });
    WorkerPodSettings worker =
        new WorkerPodSettings(
            env.getOrDefault("TRIBUTARY_WORKER_IMAGE", "tributary/worker:0.1.0"),
            env.getOrDefault("TRIBUTARY_WORKER_IMAGE_PULL_POLICY", "IfNotPresent"),
            env.getOrDefault("TRIBUTARY_WORKER_BOOTSTRAP_SERVERS", bootstrap),
            env.getOrDefault("TRIBUTARY_WORKER_STATE_STORAGE", "1Gi"),
            blankToNull(env.get("TRIBUTARY_WORKER_STORAGE_CLASS")),
            workerKafka,
            env.getOrDefault("TRIBUTARY_WORKER_DEFAULT_CPU", "500m"),
            env.getOrDefault("TRIBUTARY_WORKER_DEFAULT_MEMORY", "1Gi"));
    String watched = env.getOrDefault("TRIBUTARY_WATCH_NAMESPACES", "");
    boolean leaderElection =
        !"false".equalsIgnoreCase(env.getOrDefault("TRIBUTARY_LEADER_ELECTION", "true"));
    return new OperatorSettings(
        bootstrap,
        worker,
        integer(env, "TRIBUTARY_DEFAULT_PARTITIONS", 1),
        (short) integer(env, "TRIBUTARY_REPLICATION_FACTOR", -1),
        duration(env, "TRIBUTARY_ADMIN_TIMEOUT", Duration.ofSeconds(30)),
        duration(env, "TRIBUTARY_TOPIC_RECHECK", Duration.ofMinutes(10)),
        integer(env, "TRIBUTARY_MANAGEMENT_PORT", 8081),
        watched.isBlank() ? Set.of() : Set.of(watched.split("\\s*,\\s*")),
        leaderElection
            ? env.getOrDefault("TRIBUTARY_OPERATOR_NAMESPACE", "tributary-system")
            : null,
        env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME", "tributary-operator")),
        duration(env, "TRIBUTARY_LAG_INTERVAL", Duration.ofSeconds(10)),
        duration(env, "TRIBUTARY_LAG_WINDOW", Duration.ofMinutes(10)),
        Optional.ofNullable(blankToNull(env.get("TRIBUTARY_KAFKA_CLIENT_PROPERTIES_FILE")))
            .map(file -> KafkaConnection.read(Path.of(file)))
            .orElse(Map.of()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
    }
  }

  /** An ISO-8601 duration ({@code PT30S}) or a number of seconds. */
  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return text.trim().matches("\\d+")
          ? Duration.ofSeconds(Long.parseLong(text.trim()))
          : Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + " must be a number of seconds or an ISO-8601 duration (PT30S), got '"
              + text
              + "'");
    }
  }
}
