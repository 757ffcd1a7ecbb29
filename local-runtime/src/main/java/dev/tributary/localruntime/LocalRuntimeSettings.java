package dev.tributary.localruntime;

import dev.tributary.localruntime.worker.RestartBackoff;
import dev.tributary.runtime.kafka.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the local runtime runs pipelines on this host.
 *
 * @param root where pipelines' files live (see {@link PipelineFiles})
 * @param workerJar {@code worker-image.jar}, with its {@code lib/} beside it
 * @param java the java launcher for workers (JDK 21 or later)
 * @param jvmOptions options of every worker JVM, e.g. its heap
 * @param workerEnvironment extra worker settings ({@code KAFKA_*}, docs/worker.md) for all workers
 * @param defaultPartitions partitions of a topic the pipeline does not size
 * @param replicationFactor replication of created topics: 1 on a single local broker
 * @param collectionInterval time between two collections of lag, throughput and worker state
 * @param lagWindow how long lag samples are kept to judge the lag (Burrow's sliding window)
 * @param stopGrace how long a stopping worker may take before it is killed
 * @param readinessTimeout how long a rolling update waits for a new worker to be ready
 * @param requestTimeout how long a Kafka Admin call or a worker's endpoint may take
 * @param logTailLines how many of a crashed worker's last lines its status shows
 * @param kafkaSettings client settings of the platform's own Kafka identity besides the brokers
 *     ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}); with SASL the cluster is secured
 *     and every pipeline's workers get a credential of their own
 */
public record LocalRuntimeSettings(
    Path root,
    String bootstrapServers,
    Path workerJar,
    Path java,
    List<String> jvmOptions,
    Map<String, String> workerEnvironment,
    int defaultPartitions,
    short replicationFactor,
    Duration collectionInterval,
    Duration lagWindow,
    RestartBackoff restartBackoff,
    Duration stopGrace,
    Duration readinessTimeout,
    Duration requestTimeout,
    int logTailLines,
    Map<String, String> kafkaSettings) {

  public LocalRuntimeSettings {
    jvmOptions = List.copyOf(jvmOptions);
    workerEnvironment = Map.copyOf(workerEnvironment);
    kafkaSettings = Map.copyOf(kafkaSettings);
  }

  /** The cluster as the platform's own clients reach it. */
  public KafkaConnection kafka() {
    return new KafkaConnection(bootstrapServers, kafkaSettings);
  }

  public LocalRuntimeSettings withKafkaSettings(Map<String, String> settings) {
    return new LocalRuntimeSettings(
        root,
        bootstrapServers,
        workerJar,
        java,
        jvmOptions,
        workerEnvironment,
        defaultPartitions,
        replicationFactor,
        collectionInterval,
        lagWindow,
        restartBackoff,
        stopGrace,
        readinessTimeout,
        requestTimeout,
        logTailLines,
        settings);
  }

  /** Settings for a development machine: small worker heaps, 10-second collections. */
  public static LocalRuntimeSettings defaults(Path root, String bootstrapServers, Path workerJar) {
    return new LocalRuntimeSettings(
        root,
        bootstrapServers,
        workerJar,
        Path.of(System.getProperty("java.home"), "bin", "java"),
        List.of("-Xmx384m", "-XX:+UseSerialGC"),
        Map.of(),
        1,
        (short) 1,
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        RestartBackoff.DEFAULT,
        Duration.ofSeconds(60),
        Duration.ofMinutes(3),
        Duration.ofSeconds(10),
        20,
        Map.of());
  }

  public LocalRuntimeSettings withJvmOptions(List<String> options) {
    return new LocalRuntimeSettings(
        root,
        bootstrapServers,
        workerJar,
        java,
        options,
        workerEnvironment,
        defaultPartitions,
        replicationFactor,
        collectionInterval,
        lagWindow,
        restartBackoff,
        stopGrace,
        readinessTimeout,
        requestTimeout,
        logTailLines,
        kafkaSettings);
  }

  public LocalRuntimeSettings withWorkerEnvironment(Map<String, String> environment) {
    return new LocalRuntimeSettings(
        root,
        bootstrapServers,
        workerJar,
        java,
        jvmOptions,
        environment,
        defaultPartitions,
        replicationFactor,
        collectionInterval,
        lagWindow,
        restartBackoff,
        stopGrace,
        readinessTimeout,
        requestTimeout,
        logTailLines,
        kafkaSettings);
  }

  public LocalRuntimeSettings withCollectionInterval(Duration interval) {
    return new LocalRuntimeSettings(
        root,
        bootstrapServers,
        workerJar,
        java,
        jvmOptions,
        workerEnvironment,
        defaultPartitions,
        replicationFactor,
        interval,
        lagWindow,
        restartBackoff,
        stopGrace,
        readinessTimeout,
        requestTimeout,
        logTailLines,
        kafkaSettings);
  }

  public LocalRuntimeSettings withRestartBackoff(RestartBackoff backoff) {
    return new LocalRuntimeSettings(
        root,
        bootstrapServers,
        workerJar,
        java,
        jvmOptions,
        workerEnvironment,
        defaultPartitions,
        replicationFactor,
        collectionInterval,
        lagWindow,
        backoff,
        stopGrace,
        readinessTimeout,
        requestTimeout,
        logTailLines,
        kafkaSettings);
  }
}
