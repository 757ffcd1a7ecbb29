package dev.tributary.controlplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.controlplane.testing.RefusableDeployTarget;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Writers racing on one pipeline, and writes that fail half-way, against the real database. */
@QuarkusTest
class ConcurrentWritesTest {

  private static final String TEAM = "payments";
  private static final ExecutorService WRITERS = Executors.newFixedThreadPool(2);

  private final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);
  private final Api admin = Api.as(DemoUser.PAYMENTS_ADMIN);

  @Inject RefusableDeployTarget deployTarget;

  @AfterEach
  void acceptChangesAgain() {
    deployTarget.refuseChanges(false);
  }

  @AfterAll
  static void stopWriters() {
    WRITERS.shutdownNow();
  }

  private static String fresh() {
    return "race-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @RepeatedTest(5)
  void twoUpdatesFromTheSameRevisionEndWithOneWinnerAndA412() throws Exception {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 1.0))
        .then()
        .statusCode(201);

    List<Integer> statuses =
        race(
            () ->
                developer.putPipeline(
                    TEAM, name, Documents.largePayments(TEAM, name, 10.0), "\"1\""),
            () ->
                admin.putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 20.0), "\"1\""));

    assertThat(statuses).containsExactlyInAnyOrder(200, 412);
    Response revisions = developer.request().get(Api.pipelinePath(TEAM, name) + "/revisions");
    assertThat(revisions.jsonPath().getList("items.number", Integer.class)).containsExactly(2, 1);
  }

  @RepeatedTest(5)
  void twoCreatesOfOneNameEndWithOneWinnerAndA412() throws Exception {
    String name = fresh();

    List<Integer> statuses =
        race(
            () ->
                developer
                    .request()
                    .contentType("application/json")
                    .header("If-None-Match", "*")
                    .body(Documents.largePayments(TEAM, name, 10.0))
                    .put(Api.pipelinePath(TEAM, name)),
            () ->
                admin
                    .request()
                    .contentType("application/json")
                    .header("If-None-Match", "*")
                    .body(Documents.largePayments(TEAM, name, 20.0))
                    .put(Api.pipelinePath(TEAM, name)));

    assertThat(statuses).containsExactlyInAnyOrder(201, 412);
    developer.getPipeline(TEAM, name).then().statusCode(200).body("revision", equalTo(1));
  }

  @Test
  void aWriteThatFailsHalfWayLeavesNoPipelineRevisionOrAuditEvent() {
    deployTarget.refuseChanges(true);
    String name = fresh();

    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 1.0))
        .then()
        .statusCode(503)
        .body("type", equalTo("https://tributary.dev/problems/deploy-target-unavailable"));

    developer.getPipeline(TEAM, name).then().statusCode(404);
    List<String> audited =
        admin
            .request()
            .queryParam("limit", 500)
            .get("/api/v1/teams/payments/audit")
            .jsonPath()
            .getList("items.pipeline", String.class);
    assertThat(audited).doesNotContain(name);
  }

  @Test
  void aFailedUpdateKeepsTheRevisionInForce() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 1.0))
        .then()
        .statusCode(201);
    deployTarget.refuseChanges(true);

    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 2.0), "\"1\"")
        .then()
        .statusCode(503);

    developer
        .getPipeline(TEAM, name)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("document.spec.steps[0].filter", equalTo("amount >= 1.0"));
    assertThat(
            developer
                .request()
                .get(Api.pipelinePath(TEAM, name) + "/revisions")
                .jsonPath()
                .getList("items.number", Integer.class))
        .containsExactly(1);
  }

  /** Runs both writes at the same moment and returns their statuses. */
  private static List<Integer> race(Callable<Response> first, Callable<Response> second)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<Response>> futures = new ArrayList<>();
    for (Callable<Response> write : List.of(first, second)) {
      futures.add(
          WRITERS.submit(
              () -> {
                start.await();
                return write.call();
              }));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Response> future : futures) {
      statuses.add(future.get().statusCode());
    }
    return statuses;
  }
}
