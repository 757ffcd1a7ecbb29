package dev.tributary.benchmarks;

import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.topic.PartitionLeaders;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker the benchmark runs against, as seen through an Admin client, and the connection
 * settings every other client of the benchmark starts from: the bootstrap servers, and on a secured
 * broker the administrator's SASL settings.
 */
public final class Cluster implements AutoCloseable {

  /** Partitions of every input and output topic: more than the cores, as in production. */
  public static final int PARTITIONS = 6;

  private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConnection connection;
  private final long brokerPid;
  private final Admin admin;

  /**
   * @param connection the brokers and, on a secured broker, the settings of an identity allowed
   *     everything (the broker's administrator)
   * @param brokerPid the broker's process on this machine, whose CPU time runs are charged
   */
  public Cluster(KafkaConnection connection, long brokerPid) {
    this.connection = connection;
    this.brokerPid = brokerPid;
    this.admin = Admin.create(connection.clientProperties("tributary-benchmark-admin"));
  }

  /** The CPU time the broker's process has used so far; 0 when the system does not tell. */
  public long brokerCpuNanos() {
    return ProcessHandle.of(brokerPid)
        .flatMap(process -> process.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElse(0L);
  }

  public String bootstrapServers() {
    return connection.bootstrapServers();
  }

  /** The brokers and the administrator's client settings. */
  public KafkaConnection connection() {
    return connection;
  }

  /** The administrator's client settings with a client's own settings on top. */
  public Map<String, Object> clientConfig(Map<String, Object> own) {
    Map<String, Object> config = connection.clientProperties("tributary-benchmark");
    config.putAll(own);
    return config;
  }

  /** The Admin client, for what the benchmark does as the broker's administrator. */
  public Admin admin() {
    return admin;
  }

  /**
   * Creates a topic and returns once every partition's leader takes writes (see {@link
   * PartitionLeaders}).
   */
  public void createTopic(String name, Map<String, String> config) {
    get(
        admin
            .createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1).configs(config)))
            .all());
    try {
      PartitionLeaders.require(admin, Map.of(name, PARTITIONS), TOPIC_READY_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + name, e);
    }
  }

  /** Deletes every topic whose name starts with one of the prefixes. */
  public void deleteTopicsStartingWith(Collection<String> prefixes) {
    Set<String> doomed =
        get(admin.listTopics().names()).stream()
            .filter(topic -> prefixes.stream().anyMatch(topic::startsWith))
            .collect(Collectors.toSet());
    if (!doomed.isEmpty()) {
      get(admin.deleteTopics(doomed).all());
    }
  }

  public Map<TopicPartition, Long> endOffsets(String topic) {
    TopicDescription description =
        get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    description
        .partitions()
        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> offsets = get(admin.listOffsets(latest).all());
    Map<TopicPartition, Long> ends = new HashMap<>();
    offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /**
   * Whether the consumer group has committed every offset up to {@code ends}: a contender commits
   * an input offset only once the outputs of the records before it are written (and, under
   * exactly-once, committed).
   */
  public boolean caughtUp(String groupId, Map<TopicPartition, Long> ends) {
    Map<TopicPartition, OffsetAndMetadata> committed =
        get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
    return ends.entrySet().stream()
        .allMatch(
            end -> {
              if (end.getValue() == 0) {
                return true;
              }
              OffsetAndMetadata offset = committed.get(end.getKey());
              return offset != null && offset.offset() >= end.getValue();
            });
  }

  @Override
  public void close() {
    admin.close();
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the broker refused a request: " + e.getCause(), e.getCause());
    }
  }
}
