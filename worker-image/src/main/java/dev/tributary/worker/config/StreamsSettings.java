package dev.tributary.worker.config;

import dev.tributary.pipeline.spec.RuntimeSpec;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of a pipeline's worker: what the pipeline declares (its
 * application id, processing guarantee, commit interval, standby replicas), what the place it runs
 * in provides through the environment, and the worker's own {@link #TUNING} of the clients.
 *
 * <ul>
 *   <li>{@value #BOOTSTRAP_SERVERS} — the brokers; {@value #DEFAULT_BOOTSTRAP_SERVERS} when unset.
 *   <li>{@value #STATE_DIR} — where state stores live (a volume); Kafka Streams' default when
 *       unset.
 *   <li>{@value #CLIENT_PROPERTIES} — a properties file of client settings, such as the pipeline's
 *       own credential on a secured cluster ({@code security.protocol}, {@code sasl.mechanism},
 *       {@code sasl.jaas.config}); its {@code tributary.*} keys are not client settings and are
 *       left out. The variables below override it.
 *   <li>{@value #OVERRIDE_PREFIX}{@code NAME} — any other Streams or client property, the name in
 *       upper case with '_' for '.' ({@code KAFKA_SASL_MECHANISM} sets {@code sasl.mechanism}), for
 *       credentials, TLS and tuning; the same convention as the worker's runtime settings. What the
 *       pipeline declares cannot be overridden.
 * </ul>
 */
public final class StreamsSettings {

  public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final String STATE_DIR = "TRIBUTARY_STATE_DIR";
  public static final String CLIENT_PROPERTIES = "TRIBUTARY_KAFKA_CLIENT_PROPERTIES";
  public static final String OVERRIDE_PREFIX = "KAFKA_";

  /** Variables of Kafka's own launch scripts, which share the prefix but are not settings. */
  private static final Set<String> LAUNCHER_VARIABLES =
      Set.of(
          "KAFKA_OPTS",
          "KAFKA_HEAP_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_LOG4J_OPTS",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_JMX_OPTS",
          "KAFKA_DEBUG",
          "KAFKA_HOME");

  /**
   * Client settings the worker chooses over Kafka Streams' defaults; the same setting in the
   * variables or the client properties file, with or without the {@code producer.} prefix, takes
   * their place.
   *
   * <ul>
   *   <li>{@code producer.batch.size} 128 KiB, for 16 KiB: a worker writes its output in large
   *       batches, and a 16 KiB batch of records of a few hundred bytes fills within milliseconds,
   *       so that the producer spends its CPU on batches and requests rather than records (in the
   *       worker benchmark about a quarter less CPU per record and a fifth more throughput on a
   *       filter and select, docs/benchmarks.md). The memory is the producer's buffer of 32 MiB as
   *       before.
   *   <li>{@code producer.linger.ms} 5, for Kafka Streams' 100: a batch that does not fill waits at
   *       most 5 ms, so that records go out while the transaction runs rather than all at its
   *       commit, and a quiet pipeline's output does not wait.
   * </ul>
   */
  public static final Map<String, String> TUNING =
      Map.of(
          StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
          Integer.toString(128 * 1024),
          StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
          "5");

  private StreamsSettings() {}

  public static Properties of(ValidatedPipeline pipeline, Map<String, String> environment) {
    Properties properties = new Properties();
    String file = environment.get(CLIENT_PROPERTIES);
    if (file != null && !file.isBlank()) {
      properties.putAll(clientProperties(Path.of(file)));
    }
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(OVERRIDE_PREFIX)
              && name.length() > OVERRIDE_PREFIX.length()
              && !name.equals(BOOTSTRAP_SERVERS)
              && !LAUNCHER_VARIABLES.contains(name)) {
            properties.put(propertyName(name.substring(OVERRIDE_PREFIX.length())), value);
          }
        });
    String bootstrap = environment.get(BOOTSTRAP_SERVERS);
    if (bootstrap != null) {
      properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    } else {
      properties.putIfAbsent(
          CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
    }
    String stateDir = environment.get(STATE_DIR);
    if (stateDir != null && !stateDir.isBlank()) {
      properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    }

    // The tuning, where the environment and the file did not set the same client setting with or
    // without its prefix (Kafka Streams would let the prefixed one win).
    TUNING.forEach(
        (name, value) -> {
          String unprefixed = name.substring(StreamsConfig.PRODUCER_PREFIX.length());
          if (!properties.containsKey(name) && !properties.containsKey(unprefixed)) {
            properties.put(name, value);
          }
        });

    RuntimeSpec runtime = pipeline.spec().runtimeOrDefault();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
    properties.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, runtime.processingGuaranteeOrDefault().value());
    properties.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        Long.toString(runtime.commitIntervalOrDefault().toMillis()));
    properties.put(
        StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
        Integer.toString(runtime.standbyReplicasOrDefault()));
    return properties;
  }

  private static Properties clientProperties(Path file) {
    Properties read = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      read.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(
          CLIENT_PROPERTIES + " names " + file + ", which cannot be read: " + e.getMessage(), e);
    }
    Properties settings = new Properties();
    read.stringPropertyNames().stream()
        .filter(name -> !name.startsWith("tributary."))
        .forEach(name -> settings.setProperty(name, read.getProperty(name)));
    return settings;
  }

  private static String propertyName(String environmentName) {
    return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
