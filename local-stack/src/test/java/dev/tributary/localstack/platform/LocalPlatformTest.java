package dev.tributary.localstack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.process.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that fails to start stops the start, says why, and stops what had started; the realm
 * Keycloak imports lets the console sign in on the API port in use.
 */
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

  @Test
  void theConsoleClientAllowsTheOriginOfTheApiPortInUse() throws Exception {
    Path realm = Path.of("../control-plane/src/main/keycloak/tributary-realm.json");

    Path onOtherPort = LocalPlatform.realmForApiPort(realm, 18080, dir.resolve("other"));
    Path onDefault = LocalPlatform.realmForApiPort(realm, 8080, dir.resolve("default"));

    assertThat(consoleOrigins(onOtherPort))
        .containsExactly(
            "+",
            "http://127.0.0.1:8080",
            "http://localhost:8080",
            "http://127.0.0.1:18080",
            "http://localhost:18080");
    assertThat(consoleOrigins(onDefault))
        .containsExactly("+", "http://127.0.0.1:8080", "http://localhost:8080");
    assertThat(onOtherPort.getParent()).isEqualTo(dir.resolve("other").resolve("realm"));
  }

  private static List<String> consoleOrigins(Path realmFile) throws Exception {
    List<String> origins = new ArrayList<>();
    for (JsonNode client : new ObjectMapper().readTree(realmFile.toFile()).path("clients")) {
      if (client.path("clientId").asText().equals("tributary-console")) {
        client.path("webOrigins").forEach(origin -> origins.add(origin.asText()));
      }
    }
    return origins;
  }
}
