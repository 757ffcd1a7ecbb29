package dev.tributary.localstack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.localstack.process.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service that fails to start stops the start, says why, and stops what had started. */
class LocalPlatformTest {

  @TempDir Path dir;

  @Test
  void aControlPlaneThatCannotStartIsReportedWithItsLogAndTheServicesStop() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("quarkus-run.jar"), "not a jar");
    Path worker = Files.writeString(dir.resolve("worker-image.jar"), "");
    PlatformOptions options =
        PlatformOptions.parse(
            List.of(
                "--data-dir",
                dir.resolve("data").toString(),
                "--single-user",
                "--control-plane-jar",
                notAJar.toString(),
                "--worker-jar",
                worker.toString(),
                "--kafka-port",
                Integer.toString(Ports.free()),
                "--kafka-controller-port",
                Integer.toString(Ports.free()),
                "--postgres-port",
                Integer.toString(Ports.free()),
                "--api-port",
                Integer.toString(Ports.free())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThatThrownBy(
            () -> LocalPlatform.start(options, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("The control plane exited with code 1 while starting")
        .hasMessageContaining("Last lines of " + dir.resolve("data/logs/control-plane.log"))
        .hasMessageContaining("Invalid or corrupt jarfile");

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("[1/3] Kafka broker ready")
        .contains("[2/3] PostgreSQL ready")
        .doesNotContain("control plane ready");
    assertThat(listens(options.kafkaPort())).as("Kafka stopped").isFalse();
    assertThat(listens(options.postgresPort())).as("PostgreSQL stopped").isFalse();
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (Exception refused) {
      return false;
    }
  }
}
