package dev.tributary.controlplane.testing;

import dev.tributary.localstack.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A real Kafka broker (KRaft, its own JVM, from local-stack) that authenticates every client and
 * authorizes every request, as {@code ./tributary up}'s does, and the local deploy target pointed
 * at it with the broker's admin identity, with the real worker jar the build names in {@code
 * tributary.worker.jar} — the way local-runtime's integration tests run it. Worker files go under
 * {@code target/local-target/}, so that their logs can be read after a failure.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  private static volatile KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    String jar = System.getProperty("tributary.worker.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "the worker jar is missing ("
              + jar
              + "); build it first: ./mvnw -pl worker-image -am install -DskipTests");
    }
    broker = KafkaBroker.builder().secured().start();
    Path data = Path.of("target", "local-target", UUID.randomUUID().toString()).toAbsolutePath();
    return Map.of(
        "tributary.kafka.client-properties-file",
        broker.adminPropertiesFile().orElseThrow().toString(),
        "tributary.deploy.target",
        "local",
        "tributary.local.bootstrap-servers",
        broker.bootstrapServers(),
        "tributary.local.data-dir",
        data.toString(),
        "tributary.local.worker-jar",
        jar,
        "tributary.local.worker-jvm-options",
        "-Xmx256m,-XX:+UseSerialGC,-XX:TieredStopAtLevel=1",
        "tributary.local.collection-interval",
        "2s");
  }

  /** The broker, once started. */
  public static KafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("Kafka is not started");
    }
    return broker;
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
