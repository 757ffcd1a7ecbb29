package dev.tributary.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerMainTest {

  @Test
  void brokerStopsWhenTheJvmThatStartedItIsTerminated(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("main.out");
    Process main =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                "--port",
                "0",
                "--controller-port",
                "0",
                "--data-dir",
                dir.resolve("kafka").toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.readString(output).contains("Kafka broker ready at 127.0.0.1:"));
      List<ProcessHandle> brokers = main.children().toList();
      assertThat(brokers).hasSize(1).allMatch(ProcessHandle::isAlive);

      main.destroy();

      assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(brokers.getFirst().isAlive()).isFalse();
    } finally {
      main.destroyForcibly();
    }
  }
}
