package dev.tributary.controlplane.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Teams as platform admins manage them, and the quotas they enforce. */
@QuarkusTest
class TeamsTest {

  private final Api platformAdmin = Api.as(DemoUser.PLATFORM_ADMIN);

  private static String fresh() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private void createTeam(String slug, int maxPipelines, int maxReplicas, int maxPartitions) {
    platformAdmin
        .request()
        .contentType("application/json")
        .body(
            """
            {"slug": "%s", "displayName": "Quota test",
             "quotas": {"maxPipelines": %d, "maxTotalReplicas": %d, "maxPartitionsPerTopic": %d}}
            """
                .formatted(slug, maxPipelines, maxReplicas, maxPartitions))
        .post("/api/v1/teams")
        .then()
        .statusCode(201);
  }

  @Test
  void newTeamGetsItsNamespacePrefixGroupAndDefaultQuotas() {
    String slug = fresh();

    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"" + slug + "\", \"displayName\": \"Fresh\"}")
        .post("/api/v1/teams")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/teams/" + slug))
        .body("namespace", equalTo("team-" + slug))
        .body("topicPrefix", equalTo(slug + "."))
        .body("keycloakGroup", equalTo("/teams/" + slug))
        .body("quotas.maxPipelines", equalTo(50))
        .body("usage.pipelines", equalTo(0));
  }

  @Test
  void secondTeamWithTheSameSlugIsAConflict() {
    String slug = fresh();
    createTeam(slug, 1, 1, 1);

    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"" + slug + "\", \"displayName\": \"Again\"}")
        .post("/api/v1/teams")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://tributary.dev/problems/conflict"));
  }

  @Test
  void quotasChangeOnlyWithTheCurrentETag() {
    String slug = fresh();
    createTeam(slug, 1, 1, 1);
    String etag = platformAdmin.request().get("/api/v1/teams/" + slug).header("ETag");
    String quotas =
        "{\"maxPipelines\": 5, \"maxTotalReplicas\": 10, \"maxPartitionsPerTopic\": 12}";

    platformAdmin
        .request()
        .contentType("application/json")
        .body(quotas)
        .put("/api/v1/teams/" + slug + "/quotas")
        .then()
        .statusCode(428);
    String newEtag =
        platformAdmin
            .request()
            .contentType("application/json")
            .header("If-Match", etag)
            .body(quotas)
            .put("/api/v1/teams/" + slug + "/quotas")
            .then()
            .statusCode(200)
            .body("quotas.maxPipelines", equalTo(5))
            .extract()
            .header("ETag");
    platformAdmin
        .request()
        .contentType("application/json")
        .header("If-Match", etag)
        .body(quotas)
        .put("/api/v1/teams/" + slug + "/quotas")
        .then()
        .statusCode(412);

    assertThat(newEtag).isNotEqualTo(etag);
  }

  @Test
  void pipelineQuotaRefusesTheOneTooMany() {
    String slug = fresh();
    createTeam(slug, 1, 10, 10);
    platformAdmin
        .putPipeline(slug, "first", Documents.largePayments(slug, "first", 1.0))
        .then()
        .statusCode(201);

    platformAdmin
        .putPipeline(slug, "second", Documents.largePayments(slug, "second", 1.0))
        .then()
        .statusCode(422)
        .body("type", equalTo("https://tributary.dev/problems/quota-exceeded"))
        .body("errors.code", hasItem("max-pipelines"));
    platformAdmin.getPipeline(slug, "second").then().statusCode(404);
  }

  @Test
  void replicaQuotaCountsEveryPipelineOfTheTeam() {
    String slug = fresh();
    createTeam(slug, 10, 4, 10);
    platformAdmin
        .putPipeline(slug, "first", Documents.largePayments(slug, "first", 1.0, 3))
        .then()
        .statusCode(201);

    platformAdmin
        .putPipeline(slug, "second", Documents.largePayments(slug, "second", 1.0, 2))
        .then()
        .statusCode(422)
        .body("errors.path", hasItem("spec.runtime.replicas.max"))
        .body("errors.code", hasItem("max-total-replicas"));
    // Replacing the first counts its new size, not old plus new.
    platformAdmin
        .putPipeline(slug, "first", Documents.largePayments(slug, "first", 1.0, 4), "\"1\"")
        .then()
        .statusCode(200);
  }

  @Test
  void partitionQuotaPointsAtTheTopic() {
    String slug = fresh();
    createTeam(slug, 10, 10, 4);
    String document =
        Documents.largePayments(slug, "wide", 1.0)
            .replace(
                "\"topic\": \"" + slug + ".payments\"",
                "\"topic\": \"" + slug + ".payments\", \"partitions\": 8");

    platformAdmin
        .putPipeline(slug, "wide", document)
        .then()
        .statusCode(422)
        .body("errors.path", hasItem("spec.sources[0].partitions"))
        .body("errors.code", hasItem("max-partitions-per-topic"));
  }

  @Test
  void teamWithPipelinesCannotBeDeletedButAnEmptyOneCan() {
    String slug = fresh();
    createTeam(slug, 10, 10, 10);
    platformAdmin
        .putPipeline(slug, "only", Documents.largePayments(slug, "only", 1.0))
        .then()
        .statusCode(201);

    platformAdmin.request().delete("/api/v1/teams/" + slug).then().statusCode(409);
    platformAdmin.deletePipeline(slug, "only").then().statusCode(204);
    platformAdmin.request().delete("/api/v1/teams/" + slug).then().statusCode(204);

    platformAdmin.request().get("/api/v1/teams/" + slug).then().statusCode(404);
  }

  @Test
  void membersSeeOnlyTheirTeamsAndPlatformViewersSeeAll() {
    assertThat(
            Api.as(DemoUser.LOGISTICS_VIEWER)
                .request()
                .get("/api/v1/teams")
                .jsonPath()
                .getList("slug", String.class))
        .containsExactly("logistics");
    assertThat(
            Api.as(DemoUser.OUTSIDER)
                .request()
                .get("/api/v1/teams")
                .jsonPath()
                .getList("slug", String.class))
        .isEmpty();
    assertThat(
            Api.as(DemoUser.PLATFORM_VIEWER)
                .request()
                .get("/api/v1/teams")
                .jsonPath()
                .getList("slug", String.class))
        .contains("logistics", "payments");
  }
}
