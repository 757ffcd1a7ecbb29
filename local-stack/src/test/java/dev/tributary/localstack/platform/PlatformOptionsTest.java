package dev.tributary.localstack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options of {@code ./tributary up}, and the checks made before anything starts. */
class PlatformOptionsTest {

  @TempDir Path dir;
  private List<String> jars;

  @BeforeEach
  void builtArtifacts() throws IOException {
    Path controlPlane = Files.writeString(dir.resolve("quarkus-run.jar"), "");
    Path worker = Files.writeString(dir.resolve("worker-image.jar"), "");
    Path realm = Files.writeString(dir.resolve("realm.json"), "{\"realm\":\"tributary\"}");
    jars =
        List.of(
            "--control-plane-jar", controlPlane.toString(),
            "--worker-jar", worker.toString(),
            "--realm", realm.toString());
  }

  @Test
  void defaultsAreTheDocumentedPortsAndDataFolder() {
    PlatformOptions options = PlatformOptions.parse(jars);

    assertThat(options.apiPort()).isEqualTo(8080);
    assertThat(options.kafkaPort()).isEqualTo(9092);
    assertThat(options.kafkaControllerPort()).isEqualTo(9093);
    assertThat(options.postgresPort()).isEqualTo(5432);
    assertThat(options.keycloakPort()).isEqualTo(8180);
    assertThat(options.keycloakManagementPort()).isEqualTo(9180);
    assertThat(options.dataDir()).isEqualTo(Path.of(".tributary").toAbsolutePath());
    assertThat(options.singleUser()).isFalse();
    assertThat(options.examplesClasspath()).isNull();
  }

  @Test
  void singleUserNeedsNoKeycloakPortsNorRealm() {
    List<String> args = new ArrayList<>(jars.subList(0, 4));
    args.addAll(List.of("--single-user", "--realm", dir.resolve("missing.json").toString()));

    PlatformOptions options = PlatformOptions.parse(args);

    assertThat(options.singleUser()).isTrue();
    assertThat(options.ports())
        .extracting(PlatformOptions.NamedPort::service)
        .containsExactly("Kafka broker", "Kafka controller", "PostgreSQL", "control plane API");
  }

  @Test
  void twoServicesOnOnePortAreRefusedNamingBoth() {
    assertThatThrownBy(() -> PlatformOptions.parse(with("--api-port", "9092")))
        .isInstanceOf(PlatformOptions.UsageException.class)
        .hasMessage(
            "Kafka broker and control plane API would both use port 9092; give one of them"
                + " another port with --api-port");
  }

  @Test
  void aPortMustBeANumberInRange() {
    assertThatThrownBy(() -> PlatformOptions.parse(with("--kafka-port", "kafka")))
        .hasMessage("--kafka-port must be a port number, not kafka");
    assertThatThrownBy(() -> PlatformOptions.parse(with("--postgres-port", "70000")))
        .hasMessage("--postgres-port must be a port between 1 and 65535, not 70000");
    assertThatThrownBy(() -> PlatformOptions.parse(with("--api-port")))
        .hasMessage("--api-port needs a value");
  }

  @Test
  void unknownOptionsAndMissingBuildsAreNamed() {
    assertThatThrownBy(() -> PlatformOptions.parse(with("--verbose")))
        .hasMessage("unknown option --verbose");
    Path missing = dir.resolve("nothing.jar");
    assertThatThrownBy(() -> PlatformOptions.parse(with("--worker-jar", missing.toString())))
        .hasMessage("the worker is missing (" + missing + "): build it with ./tributary build");
  }

  @Test
  void aTakenPortStopsTheStartBeforeAnyServiceStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path data = dir.resolve("data");
      PlatformOptions options =
          PlatformOptions.parse(
              with(
                  "--data-dir", data.toString(),
                  "--api-port", Integer.toString(taken.getLocalPort()),
                  "--kafka-port", Integer.toString(free()),
                  "--kafka-controller-port", Integer.toString(free()),
                  "--postgres-port", Integer.toString(free()),
                  "--keycloak-port", Integer.toString(free()),
                  "--keycloak-management-port", Integer.toString(free())));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      assertThatThrownBy(
              () ->
                  LocalPlatform.start(options, new PrintStream(out, true, StandardCharsets.UTF_8)))
          .isInstanceOf(PlatformException.class)
          .hasMessage(
              "Port %d, wanted for the control plane API, is already in use on 127.0.0.1. Stop what"
                  + " listens there (is the platform already running? `./tributary down`) or"
                  + " choose another port with --api-port.",
              taken.getLocalPort());
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("starting");
      assertThat(data.resolve("kafka")).doesNotExist();
    }
  }

  private List<String> with(String... more) {
    List<String> args = new ArrayList<>(jars);
    args.addAll(List.of(more));
    return args;
  }

  private static int free() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
