package dev.tributary.controlplane.deploy.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local deploy target ({@code tributary.deploy.target=local}); every setting also reads from
 * its environment variable, {@code TRIBUTARY_LOCAL_BOOTSTRAP_SERVERS} and so on.
 */
@ConfigMapping(prefix = "tributary.local")
public interface LocalTargetConfig {

  /** The Kafka cluster the workers use. */
  @WithDefault("localhost:9092")
  String bootstrapServers();

  /**
   * Where the runtime keeps each pipeline's revisions, state stores, logs and pid files; relative
   * paths are from the working directory. State survives restarts here.
   */
  @WithDefault(".tributary/local-runtime")
  Path dataDir();

  /** {@code worker-image.jar} with its {@code lib/} beside it. */
  @WithDefault("worker-image/target/worker-image.jar")
  Path workerJar();

  /** Options of every worker JVM. */
  @WithDefault("-Xmx384m,-XX:+UseSerialGC")
  List<String> workerJvmOptions();

  /** Extra {@code KAFKA_*} settings for every worker (docs/worker.md). */
  Map<String, String> workerEnvironment();

  /** Time between two collections of lag, throughput and worker state. */
  @WithDefault("10s")
  Duration collectionInterval();

  /**
   * How long a change may wait for Kafka to answer before it is refused with 503: the catalog's
   * transaction waits this long at most.
   */
  @WithDefault("5s")
  Duration brokerTimeout();
}
