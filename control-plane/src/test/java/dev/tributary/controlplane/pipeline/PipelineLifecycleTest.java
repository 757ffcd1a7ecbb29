package dev.tributary.controlplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.tributary.controlplane.deploy.NoDeployTarget;
import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A team developer's day with one pipeline: create, change, inspect, roll back, pause, delete. */
@QuarkusTest
class PipelineLifecycleTest {

  private static final String TEAM = "payments";
  private final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Inject NoDeployTarget deployTarget;

  private static String fresh() {
    return "life-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void createdPipelineHasRevisionOneAndETag() {
    String name = fresh();

    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201)
        .header("ETag", "\"1\"")
        .header(
            "Location", org.hamcrest.Matchers.endsWith("/api/v1/teams/payments/pipelines/" + name))
        .body("revision", equalTo(1))
        .body("state", equalTo("active"))
        .body("updatedBy", equalTo("payments-developer"))
        .body("document.metadata.team", equalTo(TEAM));

    developer.getPipeline(TEAM, name).then().statusCode(200).header("ETag", "\"1\"");
  }

  @Test
  void aNameThatExtendsAnotherPipelinesNameWithADashIsRefusedBeforeAnythingIsWritten() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    for (String overlapping : new String[] {name + "-eu", name.substring(0, 4)}) {
      developer
          .putPipeline(TEAM, overlapping, Documents.largePayments(TEAM, overlapping, 100.0))
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("type", equalTo("https://tributary.dev/problems/pipeline-name-overlaps"))
          .body("detail", org.hamcrest.Matchers.containsString("'" + overlapping + "'"));
      developer.getPipeline(TEAM, overlapping).then().statusCode(404);
    }
    // A name that merely starts with the same letters is another pipeline.
    developer
        .putPipeline(TEAM, name + "x", Documents.largePayments(TEAM, name + "x", 100.0))
        .then()
        .statusCode(201);
  }

  @Test
  void yamlBodyIsAcceptedLikeJson() {
    String name = fresh();

    developer
        .request()
        .contentType("application/yaml")
        .body(Documents.largePaymentsYaml(TEAM, name, 100.0).getBytes(StandardCharsets.UTF_8))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201);

    // The same document in JSON is no change: both are stored in one canonical form.
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"");
  }

  @Test
  void sendingTheSameDocumentAgainChangesNothing() {
    String name = fresh();
    String document = Documents.largePayments(TEAM, name, 100.0);
    developer.putPipeline(TEAM, name, document).then().statusCode(201);

    developer.putPipeline(TEAM, name, document).then().statusCode(200).body("revision", equalTo(1));

    developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/revisions")
        .then()
        .body("items", hasSize(1));
  }

  @Test
  void replacingWithoutIfMatchIsRefusedWith428() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 500.0))
        .then()
        .statusCode(428)
        .body("type", equalTo("https://tributary.dev/problems/precondition-required"));
  }

  @Test
  void staleIfMatchIsRefusedWith412AndTheNewerRevisionSurvives() {
    String name = fresh();
    developer.createWithTwoRevisions(TEAM, name);

    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 999.0), "\"1\"")
        .then()
        .statusCode(412)
        .body("type", equalTo("https://tributary.dev/problems/precondition-failed"));

    developer
        .getPipeline(TEAM, name)
        .then()
        .body("revision", equalTo(2))
        .body("document.spec.steps[0].filter", equalTo("amount >= 200.0"));
  }

  @Test
  void ifNoneMatchStarOnlyCreates() {
    String name = fresh();
    String document = Documents.largePayments(TEAM, name, 100.0);

    developer
        .request()
        .contentType("application/json")
        .header("If-None-Match", "*")
        .body(document)
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201);
    developer
        .request()
        .contentType("application/json")
        .header("If-None-Match", "*")
        .body(document)
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(412);
  }

  @Test
  void everyChangeIsARevisionWithAuthorSourceAndJsonPatchDiff() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);
    Api.as(DemoUser.PAYMENTS_ADMIN)
        .request()
        .contentType("application/json")
        .header("If-Match", "\"1\"")
        .header("Tributary-Source", "console")
        .body(Documents.largePayments(TEAM, name, 250.0))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(200);

    JsonPath revisions =
        developer
            .request()
            .get(Api.pipelinePath(TEAM, name) + "/revisions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(revisions.getList("items.number", Integer.class)).containsExactly(2, 1);
    assertThat(revisions.getList("items.author", String.class))
        .containsExactly("payments-admin", "payments-developer");
    assertThat(revisions.getList("items.source", String.class)).containsExactly("console", "api");
    assertThat(revisions.getList("items[0].diff", Map.class))
        .contains(
            Map.of(
                "op",
                "replace",
                "path",
                "/metadata/description",
                "value",
                "payments of at least 250.0"),
            Map.of("op", "replace", "path", "/spec/steps/0/filter", "value", "amount >= 250.0"));
  }

  @Test
  void rollbackMakesANewRevisionWithTheOldDocument() {
    String name = fresh();
    developer.createWithTwoRevisions(TEAM, name);

    developer
        .request()
        .post(Api.pipelinePath(TEAM, name) + "/revisions/1/rollback")
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("revision", equalTo(3))
        .body("document.spec.steps[0].filter", equalTo("amount >= 100.0"));

    developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/revisions/3")
        .then()
        .statusCode(200)
        .body("rolledBackFrom", equalTo(1))
        .body(
            "diff",
            hasItem(
                Map.of(
                    "op", "replace", "path", "/spec/steps/0/filter", "value", "amount >= 100.0")));
  }

  @Test
  void rollbackToAMissingRevisionIsNotFound() {
    String name = fresh();
    developer.createWithTwoRevisions(TEAM, name);

    developer
        .request()
        .post(Api.pipelinePath(TEAM, name) + "/revisions/7/rollback")
        .then()
        .statusCode(404)
        .body("type", equalTo("https://tributary.dev/problems/revision-not-found"));
  }

  @Test
  void invalidPipelineListsEveryErrorWithItsPath() {
    String name = fresh();

    developer
        .putPipeline(TEAM, name, Documents.withTwoErrors(TEAM, name))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://tributary.dev/problems/invalid-pipeline"))
        .body("errors.path", hasItem("spec.steps[0].filter"))
        .body("errors.path", hasItem("spec.sinks[0].topic"));

    developer.getPipeline(TEAM, name).then().statusCode(404);
  }

  @Test
  void dryRunGivesTheSameErrorsAsCreateAndSavesNothing() {
    String name = fresh();
    List<Map<String, String>> onCreate =
        developer
            .putPipeline(TEAM, name, Documents.withTwoErrors(TEAM, name))
            .then()
            .statusCode(422)
            .extract()
            .jsonPath()
            .getList("errors");

    List<Map<String, String>> onValidate =
        developer
            .request()
            .contentType("application/json")
            .body(Documents.withTwoErrors(TEAM, name))
            .post("/api/v1/teams/payments/pipelines/validate")
            .then()
            .statusCode(422)
            .extract()
            .jsonPath()
            .getList("errors");

    assertThat(onValidate).isEqualTo(onCreate).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void validDryRunReportsThePlanAndSavesNothing() {
    String name = fresh();

    developer
        .request()
        .contentType("application/json")
        .body(Documents.largePayments(TEAM, name, 1.0))
        .post("/api/v1/teams/payments/pipelines/validate")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("exists", equalTo(false))
        .body("plan.applicationId", equalTo("payments." + name));

    developer.getPipeline(TEAM, name).then().statusCode(404);
  }

  @Test
  void nameInTheDocumentMustMatchTheUrl() {
    developer
        .putPipeline(TEAM, "one-name", Documents.largePayments(TEAM, "another-name", 1.0))
        .then()
        .statusCode(422)
        .body("errors.code", contains("name-mismatch"))
        .body("errors.path", contains("metadata.name"));
  }

  @Test
  void explainShowsNodesTopicsAndTheCompiledTopology() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/explain")
        .then()
        .statusCode(200)
        .body("revision", equalTo(1))
        .body("applicationId", equalTo("payments." + name))
        .body("stepOrder", contains("large"))
        .body("nodes.find { it.name == 'large' }.shape", equalTo("STREAM"))
        .body("topics.name", hasItem("payments.payments"))
        .body("topology.sourceTopics", hasItem("payments.payments"))
        .body("topology.sinkTopics", hasItem("payments." + name + "-out"))
        .body("topologyProblem", nullValue());
  }

  @Test
  void pauseResumeAndRestartReachTheDeployTarget() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    developer
        .request()
        .post(Api.pipelinePath(TEAM, name) + "/pause")
        .then()
        .statusCode(200)
        .body("state", equalTo("paused"));
    developer.request().post(Api.pipelinePath(TEAM, name) + "/restart").then().statusCode(409);
    developer
        .request()
        .post(Api.pipelinePath(TEAM, name) + "/resume")
        .then()
        .statusCode(200)
        .body("state", equalTo("active"));
    developer.request().post(Api.pipelinePath(TEAM, name) + "/restart").then().statusCode(200);

    assertThat(deployTarget.calls())
        .filteredOn(c -> c.pipeline().name().equals(name))
        .extracting(NoDeployTarget.Call::operation)
        .containsExactly("apply", "pause", "resume", "restart");
  }

  @Test
  void listFiltersByStateAndPagesWithACursor() {
    String prefix = "page-" + UUID.randomUUID().toString().substring(0, 6);
    Api admin = Api.as(DemoUser.LOGISTICS_ADMIN);
    for (int i = 0; i < 5; i++) {
      String name = prefix + "-" + i;
      admin
          .putPipeline("logistics", name, Documents.largePayments("logistics", name, i))
          .then()
          .statusCode(201);
    }
    admin
        .request()
        .post(Api.pipelinePath("logistics", prefix + "-3") + "/pause")
        .then()
        .statusCode(200);

    JsonPath first =
        admin
            .request()
            .queryParam("limit", 2)
            .queryParam("state", "active")
            .get("/api/v1/teams/logistics/pipelines")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> seen = new java.util.ArrayList<>(first.getList("items.name", String.class));
    String cursor = first.getString("nextCursor");
    while (cursor != null) {
      JsonPath next =
          admin
              .request()
              .queryParam("limit", 2)
              .queryParam("state", "active")
              .queryParam("cursor", cursor)
              .get("/api/v1/teams/logistics/pipelines")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      seen.addAll(next.getList("items.name", String.class));
      cursor = next.getString("nextCursor");
    }

    assertThat(seen.stream().filter(n -> n.startsWith(prefix)))
        .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-4");
    for (int i = 0; i < 5; i++) {
      admin.deletePipeline("logistics", prefix + "-" + i).then().statusCode(204);
    }
  }

  @Test
  void statusIsPendingBecauseNoDeployTargetIsConfigured() {
    String name = fresh();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/status")
        .then()
        .statusCode(200)
        .body("phase", equalTo("Pending"))
        .body("deployTarget", equalTo("none"))
        .body("conditions[0].type", equalTo("Ready"))
        .body("conditions[0].status", equalTo("False"))
        .body("conditions[0].reason", equalTo("NoDeployTarget"))
        .body("lagRecords", nullValue())
        .body("recordsPerSecond", nullValue());
  }

  @Test
  void deletedPipelineIsGoneAndItsDeletionIsAudited() {
    String name = fresh();
    developer.createWithTwoRevisions(TEAM, name);

    developer.deletePipeline(TEAM, name).then().statusCode(204);

    developer.getPipeline(TEAM, name).then().statusCode(404);
    JsonPath audit =
        Api.as(DemoUser.PAYMENTS_ADMIN)
            .request()
            .queryParam("limit", 500)
            .get("/api/v1/teams/payments/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> events =
        audit.getList("items.findAll { it.pipeline == '" + name + "' }");
    assertThat(events)
        .extracting(e -> e.get("action"))
        .containsExactly("pipeline.deleted", "pipeline.updated", "pipeline.created");
    assertThat(events.get(0))
        .containsEntry("actor", "payments-developer")
        .containsEntry("revisionBefore", 2);
    assertThat(events.get(1)).containsEntry("revisionBefore", 1).containsEntry("revisionAfter", 2);
  }
}
