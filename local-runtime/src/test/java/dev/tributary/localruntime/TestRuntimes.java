package dev.tributary.localruntime;

import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.status.PipelineReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A local runtime as the integration tests run it: the real worker jar (built by the reactor, see
 * the failsafe configuration), its files under {@code target/local-runtime-it/<test class>} so that
 * worker logs can be read after a failure, and collections every two seconds.
 */
final class TestRuntimes {

  private TestRuntimes() {}

  static LocalRuntime start(KafkaBroker kafka, Class<?> testClass) {
    String jar = System.getProperty("tributary.worker.jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException(
          "the worker jar is missing ("
              + jar
              + "); run the integration tests through"
              + " Maven (verify) after building worker-image");
    }
    Path root = Path.of("target", "local-runtime-it", testClass.getSimpleName()).toAbsolutePath();
    // Each run has a new broker: state stores and files of an earlier run do not belong to it.
    deleteRecursively(root);
    LocalRuntimeSettings settings =
        LocalRuntimeSettings.defaults(root, kafka.bootstrapServers(), Path.of(jar))
            .withJvmOptions(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
            // A killed member must leave the group in seconds for the tests to take minutes.
            .withWorkerEnvironment(
                Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000"))
            .withCollectionInterval(Duration.ofSeconds(2))
            .withKafkaSettings(
                KafkaConnection.of(kafka.bootstrapServers(), kafka.adminPropertiesFile())
                    .settings());
    return LocalRuntime.start(settings);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot clean " + root, e);
    }
  }

  /** Waits until the pipeline's report satisfies {@code condition}, and returns that report. */
  static PipelineReport awaitReport(
      LocalRuntime runtime, PipelineKey key, Duration atMost, Predicate<PipelineReport> condition) {
    AtomicReference<PipelineReport> last = new AtomicReference<>();
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                PipelineReport report = runtime.status(key).orElseThrow();
                last.set(report);
                return condition.test(report);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the report of "
              + key
              + " did not get there within "
              + atMost
              + "; the last one: "
              + last.get(),
          e);
    }
    return last.get();
  }

  static boolean allReady(PipelineReport report, int replicas) {
    return report.status().readyReplicas() == replicas
        && report.status().replicas() == replicas
        && report.status().desiredReplicas() == replicas;
  }
}
