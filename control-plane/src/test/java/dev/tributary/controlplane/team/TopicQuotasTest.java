package dev.tributary.controlplane.team;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A team's quotas on the topics its pipelines make the deploy target provide: how many, and how
 * many partitions in all. Each pipeline of {@link Documents#largePayments} plans three topics: the
 * team's shared {@code payments} source, its own sink and its own dead-letter topic.
 */
@QuarkusTest
class TopicQuotasTest {

  private static final String TYPE = "https://tributary.dev/problems/";
  private final Api platformAdmin = Api.as(DemoUser.PLATFORM_ADMIN);

  private String team(int maxTopics, int maxTotalPartitions) {
    String slug = "q-" + UUID.randomUUID().toString().substring(0, 8);
    platformAdmin
        .request()
        .contentType("application/json")
        .body(
            """
            {"slug": "%s", "displayName": "Topic quota test",
             "quotas": {"maxPipelines": 10, "maxTotalReplicas": 10, "maxPartitionsPerTopic": 24,
                        "maxTopics": %d, "maxTotalPartitions": %d}}
            """
                .formatted(slug, maxTopics, maxTotalPartitions))
        .post("/api/v1/teams")
        .then()
        .statusCode(201)
        .body("quotas.maxTopics", equalTo(maxTopics))
        .body("quotas.maxTotalPartitions", equalTo(maxTotalPartitions));
    return slug;
  }

  private static String withSourcePartitions(String slug, String name, int partitions) {
    return Documents.largePayments(slug, name, 1.0)
        .replace(
            "\"topic\": \"" + slug + ".payments\"",
            "\"topic\": \"" + slug + ".payments\", \"partitions\": " + partitions);
  }

  @Test
  void newTeamGetsTheDefaultTopicQuotas() {
    String slug = "q-" + UUID.randomUUID().toString().substring(0, 8);

    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"" + slug + "\", \"displayName\": \"Defaults\"}")
        .post("/api/v1/teams")
        .then()
        .statusCode(201)
        .body("quotas.maxTopics", equalTo(200))
        .body("quotas.maxTotalPartitions", equalTo(2000))
        .body("usage.topics", equalTo(0))
        .body("usage.totalPartitions", equalTo(0));
  }

  @Test
  void topicQuotaCountsEachTopicOfTheTeamOnce() {
    String slug = team(5, 100);
    platformAdmin
        .putPipeline(slug, "a", Documents.largePayments(slug, "a", 1.0))
        .then()
        .statusCode(201);
    // The shared source counts once: 3 + 2 topics.
    platformAdmin
        .putPipeline(slug, "b", Documents.largePayments(slug, "b", 1.0))
        .then()
        .statusCode(201);

    platformAdmin
        .putPipeline(slug, "c", Documents.largePayments(slug, "c", 1.0))
        .then()
        .statusCode(422)
        .body("type", equalTo(TYPE + "quota-exceeded"))
        .body("errors.code", hasItem("max-topics"))
        .body("detail", containsString("would use 7 topics, 5 now; its quota is 5"))
        .body("detail", containsString("This pipeline adds 2: " + slug + ".c"));
    platformAdmin.getPipeline(slug, "c").then().statusCode(404);
    platformAdmin
        .request()
        .get("/api/v1/teams/" + slug)
        .then()
        .body("usage.topics", equalTo(5))
        .body("usage.totalPartitions", equalTo(5));
  }

  @Test
  void partitionQuotaCountsThePartitionsOfEveryTopic() {
    String slug = team(100, 10);
    // 8 partitions of the source, 1 each for the sink and the dead-letter topic.
    platformAdmin
        .putPipeline(slug, "wide", withSourcePartitions(slug, "wide", 8))
        .then()
        .statusCode(201);

    platformAdmin
        .putPipeline(slug, "more", Documents.largePayments(slug, "more", 1.0))
        .then()
        .statusCode(422)
        .body("errors.code", hasItem("max-total-partitions"))
        .body("detail", containsString("12 partitions in all, 10 now; its quota is 10"));
    platformAdmin
        .request()
        .contentType("application/json")
        .body(Documents.largePayments(slug, "more", 1.0))
        .post("/api/v1/teams/" + slug + "/pipelines/validate")
        .then()
        .statusCode(422)
        .body("errors.code", hasItem("max-total-partitions"));
    platformAdmin
        .request()
        .get("/api/v1/teams/" + slug)
        .then()
        .body("usage.topics", equalTo(3))
        .body("usage.totalPartitions", equalTo(10));
  }

  @Test
  void aTopicNamedByTwoPipelinesCountsWithTheLargerAsk() {
    String slug = team(100, 100);
    platformAdmin.putPipeline(slug, "a", withSourcePartitions(slug, "a", 6)).then().statusCode(201);
    platformAdmin.putPipeline(slug, "b", withSourcePartitions(slug, "b", 4)).then().statusCode(201);

    platformAdmin
        .request()
        .get("/api/v1/teams/" + slug)
        .then()
        .body("usage.topics", equalTo(5))
        .body("usage.totalPartitions", equalTo(10));
    platformAdmin.deletePipeline(slug, "a").then().statusCode(204);
    platformAdmin
        .request()
        .get("/api/v1/teams/" + slug)
        .then()
        .body("usage.topics", equalTo(3))
        .body("usage.totalPartitions", equalTo(6));
  }

  @Test
  void loweredTopicQuotaKeepsWhatExistsAndRefusesWhatAdds() {
    String slug = team(10, 100);
    platformAdmin
        .putPipeline(slug, "a", Documents.largePayments(slug, "a", 1.0))
        .then()
        .statusCode(201);
    platformAdmin
        .putPipeline(slug, "b", Documents.largePayments(slug, "b", 1.0))
        .then()
        .statusCode(201);
    String etag = platformAdmin.request().get("/api/v1/teams/" + slug).header("ETag");
    platformAdmin
        .request()
        .contentType("application/json")
        .header("If-Match", etag)
        .body(
            "{\"maxPipelines\": 10, \"maxTotalReplicas\": 10, \"maxPartitionsPerTopic\": 24,"
                + " \"maxTopics\": 3}")
        .put("/api/v1/teams/" + slug + "/quotas")
        .then()
        .statusCode(200)
        .body("quotas.maxTopics", equalTo(3))
        .body("quotas.maxTotalPartitions", equalTo(100))
        .body("usage.topics", equalTo(5));

    // A change that plans the same topics goes through; one that adds a topic does not.
    platformAdmin
        .putPipeline(slug, "a", Documents.largePayments(slug, "a", 2.0), "\"1\"")
        .then()
        .statusCode(200);
    platformAdmin
        .putPipeline(
            slug,
            "b",
            Documents.largePayments(slug, "b", 2.0).replace(slug + ".b-out", slug + ".b-other"),
            "\"1\"")
        .then()
        .statusCode(200);
    platformAdmin
        .putPipeline(
            slug,
            "b",
            Documents.largePayments(slug, "b", 2.0)
                .replace(
                    "\"runtime\"",
                    "\"deadLetter\": {\"topic\": \"" + slug + ".b-letters\"},\n\"runtime\"")
                .replace(slug + ".b-out", slug + ".b-other"),
            "\"2\"")
        .then()
        .statusCode(200);
    platformAdmin
        .putPipeline(slug, "c", Documents.largePayments(slug, "c", 1.0))
        .then()
        .statusCode(422)
        .body("errors.code", hasItem("max-topics"));
  }
}
