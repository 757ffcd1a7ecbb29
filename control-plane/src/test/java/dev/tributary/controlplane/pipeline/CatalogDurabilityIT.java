package dev.tributary.controlplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.platform.ControlPlaneProcess;
import dev.tributary.localstack.postgres.PostgresServer;
import dev.tributary.localstack.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the catalog acknowledged survives a crash: pipelines created and changed through the API —
 * each answered 201 or 200 — are all there, at their revisions, after PostgreSQL (the postmaster
 * and every process it started) and the control plane were killed with SIGKILL right after the last
 * answer, and started again on the same data directory.
 *
 * <p>The packaged control plane runs as a process of its own, in single-user mode with the local
 * deploy target (so no Keycloak; the target needs a Kafka broker to accept changes). Its workers
 * are a stand-in jar that exits at once: what runs is not what this test is about.
 */
class CatalogDurabilityIT {

  private static final String TEAM = "logistics";
  private static final int PIPELINES = 20;
  private static final Path CONTROL_PLANE_JAR = Path.of("target/quarkus-app/quarkus-run.jar");

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private KafkaBroker kafka;
  private PostgresServer postgres;
  private ControlPlaneProcess controlPlane;

  @AfterEach
  void stopEverything() {
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void acknowledgedWritesSurviveKilledDatabaseAndControlPlane() throws Exception {
    // On disk, in the build's folder: the cluster must outlive the server process.
    Path data = Path.of("target", "catalog-durability", UUID.randomUUID().toString());
    Files.createDirectories(data);
    Path workerJar = Files.writeString(data.resolve("worker-image.jar"), "");
    kafka = KafkaBroker.start();
    postgres = PostgresServer.builder().dataDir(data.resolve("postgres")).start();
    int postgresPort = postgres.port();
    int apiPort = Ports.free();
    Map<String, String> environment =
        Map.of(
            "QUARKUS_PROFILE", "single-user",
            "QUARKUS_HTTP_PORT", Integer.toString(apiPort),
            "TRIBUTARY_DB_URL", postgres.jdbcUrl(),
            "TRIBUTARY_DB_USER", postgres.username(),
            "TRIBUTARY_DB_PASSWORD", postgres.password(),
            "TRIBUTARY_DEMO_TEAMS", "true",
            "TRIBUTARY_LOCAL_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "TRIBUTARY_LOCAL_DATA_DIR", data.resolve("runtime").toAbsolutePath().toString(),
            "TRIBUTARY_LOCAL_WORKER_JAR", workerJar.toAbsolutePath().toString());
    controlPlane = startControlPlane(apiPort, environment, data.resolve("control-plane-1.log"));
    String prefix = "durable-" + UUID.randomUUID().toString().substring(0, 6) + "-";

    // Given pipelines created, and some of them changed once or twice, each write acknowledged
    Map<String, Integer> acknowledged = new LinkedHashMap<>();
    for (int i = 0; i < PIPELINES; i++) {
      String name = prefix + i;
      assertThat(put(apiPort, name, 1, null).statusCode()).isEqualTo(201);
      acknowledged.put(name, 1);
    }
    for (int i = 0; i < PIPELINES; i += 2) {
      String name = prefix + i;
      int changes = i % 4 == 0 ? 2 : 1;
      for (int revision = 2; revision <= 1 + changes; revision++) {
        assertThat(put(apiPort, name, revision, "\"" + (revision - 1) + "\"").statusCode())
            .isEqualTo(200);
        acknowledged.put(name, revision);
      }
    }

    // When PostgreSQL and the control plane are killed right after the last answer
    postgres.kill();
    controlPlane.kill();

    // Then both start again on what is on disk, and every acknowledged write is there
    postgres =
        PostgresServer.builder().dataDir(data.resolve("postgres")).port(postgresPort).start();
    controlPlane = startControlPlane(apiPort, environment, data.resolve("control-plane-2.log"));
    for (Map.Entry<String, Integer> pipeline : acknowledged.entrySet()) {
      HttpResponse<String> read = get(apiPort, pipelinePath(pipeline.getKey()));
      assertThat(read.statusCode()).as(pipeline.getKey() + ": " + read.body()).isEqualTo(200);
      JsonNode view = json.readTree(read.body());
      assertThat(view.path("revision").asInt())
          .as(pipeline.getKey())
          .isEqualTo(pipeline.getValue());
      assertThat(view.path("document").path("spec").path("steps").path(0).path("filter").asText())
          .isEqualTo("amount >= " + threshold(pipeline.getValue()));
      JsonNode revisions =
          json.readTree(get(apiPort, pipelinePath(pipeline.getKey()) + "/revisions").body());
      List<Integer> numbers =
          revisions.path("items").findValuesAsText("number").stream()
              .map(Integer::valueOf)
              .toList();
      assertThat(numbers).as(pipeline.getKey()).hasSize(pipeline.getValue());
    }
  }

  private static ControlPlaneProcess startControlPlane(
      int port, Map<String, String> environment, Path log) {
    assertThat(CONTROL_PLANE_JAR)
        .as("the packaged control plane (mvn package builds it before the integration tests)")
        .exists();
    return ControlPlaneProcess.start(
        CONTROL_PLANE_JAR.toAbsolutePath(), port, environment, log, Duration.ofMinutes(2));
  }

  private HttpResponse<String> put(int port, String name, int revision, String ifMatch)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base(port) + pipelinePath(name)))
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofString(
                    Documents.largePayments(TEAM, name, threshold(revision))));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base(port) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double threshold(int revision) {
    return 100.0 * revision;
  }

  private static String pipelinePath(String name) {
    return "/api/v1/teams/" + TEAM + "/pipelines/" + name;
  }

  private static String base(int port) {
    return "http://" + Ports.HOST + ":" + port;
  }
}
