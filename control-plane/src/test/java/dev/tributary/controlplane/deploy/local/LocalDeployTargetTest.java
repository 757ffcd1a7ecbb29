package dev.tributary.controlplane.deploy.local;

import static dev.tributary.controlplane.testing.LocalPipelines.amount;
import static dev.tributary.controlplane.testing.LocalPipelines.pay;
import static dev.tributary.controlplane.testing.LocalPipelines.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.controlplane.pipeline.CatalogAdoption;
import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.LocalPipelines;
import dev.tributary.controlplane.testing.LocalTargetProfile;
import dev.tributary.localruntime.PipelineKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The control plane with the local deploy target, end to end through the REST API: a real broker,
 * the real worker jar, real tokens. One pipeline's life in one test (starting workers takes tens of
 * seconds on a shared two-core machine): create, data through, metrics, pause, resume, update,
 * delete.
 */
@QuarkusTest
@TestProfile(LocalTargetProfile.class)
class LocalDeployTargetTest {

  static final String TEAM = "payments";
  static final Duration STARTUP = LocalPipelines.STARTUP;

  @Inject LocalDeployTarget target;
  @Inject CatalogAdoption adoption;

  final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Test
  void aPipelineRunsPausesResumesUpdatesAndIsDeletedThroughTheApi() throws Exception {
    String name = "local-" + UUID.randomUUID().toString().substring(0, 6);
    String in = TEAM + "." + name + "-in";
    String large = TEAM + "." + name + "-large";

    // Given a pipeline created through the API
    developer
        .request()
        .contentType("application/yaml")
        .body(document(name, 500).getBytes(StandardCharsets.UTF_8))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201);

    // When payments arrive
    pay(in, 0, 200);

    // Then it runs, with its output, lag, throughput, state store and worker in the status
    await().atMost(STARTUP).until(() -> read(large).size() == 100);
    JsonPath running =
        awaitStatus(
            name,
            s ->
                "Running".equals(s.getString("phase"))
                    && s.getList("throughput.series.outRecordsPerSecond", Double.class).stream()
                        .anyMatch(rate -> rate > 0)
                    && s.getList("stateStores").size() == 1
                    && "OK".equals(s.getString("lag.status"))
                    && s.getLong("lagRecords") == 0);
    assertThat(running.getString("deployTarget")).isEqualTo("local");
    assertThat(running.getInt("deployedRevision")).isEqualTo(1);
    assertThat(running.getInt("replicas.ready")).isEqualTo(1);
    assertThat(running.getInt("replicas.desired")).isEqualTo(1);
    assertThat(running.getList("lag.partitions.topic", String.class)).containsExactly(in);
    assertThat(running.getList("throughput.series")).isNotEmpty();
    assertThat(running.getString("stateStores[0].state")).isEqualTo("ready");
    assertThat(running.getLong("stateStores[0].approximateEntries")).isPositive();
    assertThat(running.getString("workers[0].process")).isEqualTo("running");
    assertThat(running.getString("workers[0].streamsState")).isEqualTo("RUNNING");
    assertThat(running.getList("workers[0].threads")).isNotEmpty();
    assertThat(running.getInt("restarts")).isZero();

    // and in the team's and the platform's totals, and in the Prometheus metrics
    JsonPath team =
        developer
            .request()
            .get("/api/v1/teams/payments/status")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(team.getString("deployTarget")).isEqualTo("local");
    assertThat(team.getInt("totals.measuredPipelines")).isPositive();
    assertThat(team.getInt("phases.Running")).isPositive();
    assertThat(team.getList("totals.series")).isNotEmpty();
    assertThat(team.getList("pipelines.find { it.name == '" + name + "' }.throughput.series"))
        .as("a sparkline of the pipeline's throughput")
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(30);
    assertThat(team.getList("pipelines.find { it.name == '" + name + "' }.lag.partitions"))
        .isEmpty();
    JsonPath platform =
        Api.as(DemoUser.PLATFORM_VIEWER)
            .request()
            .queryParam("window", "5m")
            .get("/api/v1/platform/status")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(platform.getList("teams.team", String.class)).contains(TEAM);
    assertThat(platform.getDouble("totals.inRecordsPerSecond")).isNotNull();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                metrics()
                    .contains(
                        "tributary_pipeline_replicas_ready{pipeline=\""
                            + name
                            + "\",team=\"payments\"} 1.0"));
    assertThat(metrics())
        .contains("tributary_pipeline_lag_records{pipeline=\"" + name + "\",team=\"payments\"}")
        .contains("tributary_platform_pipelines{phase=\"Running\"}");

    // and another team's people do not find it
    Api.as(DemoUser.LOGISTICS_DEVELOPER)
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/status")
        .then()
        .statusCode(404);

    // When it is paused, its workers stop; data waits
    Collection<Long> pids = target.runtime().workerPids(new PipelineKey(TEAM, name)).values();
    developer.request().post(Api.pipelinePath(TEAM, name) + "/pause").then().statusCode(200);
    awaitStatus(name, s -> "Paused".equals(s.getString("phase")));
    await().atMost(STARTUP).until(() -> pids.stream().noneMatch(LocalDeployTargetTest::alive));
    pay(in, 200, 100);

    // and when it resumes, it carries on; the group's commits advance, so records come in
    developer.request().post(Api.pipelinePath(TEAM, name) + "/resume").then().statusCode(200);
    await().atMost(STARTUP).until(() -> read(large).size() == 150);
    awaitStatus(
        name,
        s ->
            s.getList("throughput.series.inRecordsPerSecond", Double.class).stream()
                .anyMatch(rate -> rate > 0));

    // When it is updated, the new revision rolls out and filters with the new threshold
    developer
        .request()
        .contentType("application/yaml")
        .header("If-Match", "\"1\"")
        .body(document(name, 900).getBytes(StandardCharsets.UTF_8))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(200);
    awaitStatus(
        name, s -> s.getInt("deployedRevision") == 2 && "Running".equals(s.getString("phase")));
    pay(in, 300, 100);
    await().atMost(STARTUP).until(() -> read(large).size() == 160);
    assertThat(read(large).subList(150, 160))
        .allSatisfy(r -> assertThat(amount(r.value())).isGreaterThanOrEqualTo(900));

    // When it is deleted, its workers and its status are gone
    Collection<Long> updated = target.runtime().workerPids(new PipelineKey(TEAM, name)).values();
    developer.deletePipeline(TEAM, name).then().statusCode(204);
    developer.request().get(Api.pipelinePath(TEAM, name) + "/status").then().statusCode(404);
    await().atMost(STARTUP).until(() -> updated.stream().noneMatch(LocalDeployTargetTest::alive));
    await()
        .atMost(STARTUP)
        .until(() -> target.runtime().status(new PipelineKey(TEAM, name)).isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !metrics().contains("pipeline=\"" + name + "\""));
  }

  @Test
  void afterARestartTheCatalogRunsAgainAndPausedPipelinesStayPaused() throws Exception {
    String active = "again-" + UUID.randomUUID().toString().substring(0, 6);
    String paused = "still-" + UUID.randomUUID().toString().substring(0, 6);
    for (String name : List.of(active, paused)) {
      developer
          .request()
          .contentType("application/yaml")
          .body(document(name, 500).getBytes(StandardCharsets.UTF_8))
          .put(Api.pipelinePath(TEAM, name))
          .then()
          .statusCode(201);
    }
    developer.request().post(Api.pipelinePath(TEAM, paused) + "/pause").then().statusCode(200);
    pay(TEAM + "." + active + "-in", 40, 20); // amounts 400..590: 10 large
    await().atMost(STARTUP).until(() -> read(TEAM + "." + active + "-large").size() == 10);

    // When the runtime stops with the control plane and the control plane starts again
    target.close();
    adoption.onStart(null);

    // Then the active pipeline runs again where it stopped, and the paused one stays paused
    pay(TEAM + "." + active + "-in", 60, 20); // amounts 600..790: 20 large
    await().atMost(STARTUP).until(() -> read(TEAM + "." + active + "-large").size() == 30);
    awaitStatus(active, s -> "Running".equals(s.getString("phase")));
    JsonPath stillPaused = awaitStatus(paused, s -> "Paused".equals(s.getString("phase")));
    assertThat(stillPaused.getInt("replicas.running")).isZero();
    assertThat(target.runtime().workerPids(new PipelineKey(TEAM, paused))).isEmpty();

    for (String name : List.of(active, paused)) {
      developer.deletePipeline(TEAM, name).then().statusCode(204);
    }
  }

  @Test
  void aBadWindowIsAClearProblem() {
    developer
        .request()
        .queryParam("window", "a fortnight")
        .get("/api/v1/teams/payments/status")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "type", org.hamcrest.Matchers.equalTo("https://tributary.dev/problems/invalid-request"))
        .body("errors[0].path", org.hamcrest.Matchers.equalTo("window"));
  }

  // ---- helpers

  static String document(String name, int threshold) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata: {name: %1$s}
        spec:
          sources:
            - name: payments
              topic: payments.%1$s-in
              key: {field: account}
              fields: {account: string, seq: int, amount: int}
          steps:
            - {name: large, input: payments, filter: "amount >= %2$d"}
            - name: counts
              input: payments
              aggregate:
                aggregates:
                  count: {fn: count}
          sinks:
            - {name: large, input: large, topic: payments.%1$s-large}
            - {name: counts, input: counts, topic: payments.%1$s-counts}
          runtime:
            commitInterval: 100ms
            replicas: {min: 1, max: 1}
        """
        .formatted(name, threshold);
  }

  JsonPath awaitStatus(String name, Predicate<JsonPath> condition) {
    return LocalPipelines.awaitStatus(developer, TEAM, name, condition);
  }

  static String metrics() {
    return io.restassured.RestAssured.given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
