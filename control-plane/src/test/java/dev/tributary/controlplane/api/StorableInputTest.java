package dev.tributary.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever reaches a column of the catalog or a query is checked first, with a 4xx problem that
 * says what is wrong: text PostgreSQL cannot hold (NUL, unpaired surrogates), text longer than its
 * column, paths and parameters that name nothing. The database never gets to refuse it with a 500.
 */
@QuarkusTest
class StorableInputTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String TYPE = "https://tributary.dev/problems/";
  private final Api platformAdmin = Api.as(DemoUser.PLATFORM_ADMIN);
  private final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  private static String slug() {
    return "s-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String quoted(String jsonText) {
    return "\"" + jsonText + "\"";
  }

  @ParameterizedTest
  @ValueSource(strings = {"Pay\\u0000ments", "Pay\\ud800ments", "Pay\\udc00", "\\u0000"})
  void teamNameThatTheCatalogCannotStoreIsRefused(String displayNameJson) {
    String slug = slug();

    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"" + slug + "\", \"displayName\": " + quoted(displayNameJson) + "}")
        .post("/api/v1/teams")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-request"))
        .body("errors.path", hasItem("displayName"));
    platformAdmin.request().get("/api/v1/teams/" + slug).then().statusCode(404);
  }

  @Test
  void teamNameIsCountedInCharactersAsItsColumnCountsThem() {
    String slug = slug();
    // 200 characters outside the BMP: 400 UTF-16 units, and what varchar(200) holds.
    String rockets = "🚀".repeat(200);

    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"" + slug + "\", \"displayName\": " + quoted(rockets) + "}")
        .post("/api/v1/teams")
        .then()
        .statusCode(201)
        .body("displayName", equalTo(rockets));
    platformAdmin
        .request()
        .get("/api/v1/teams/" + slug)
        .then()
        .statusCode(200)
        .body("displayName", equalTo(rockets));
    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"" + slug() + "\", \"displayName\": " + quoted(rockets + "!") + "}")
        .post("/api/v1/teams")
        .then()
        .statusCode(400)
        .body("errors.path", hasItem("displayName"));
  }

  @Test
  void pathsThatCannotNameATeamOrPipelineAreNotFound() {
    for (String team : new String[] {"pay%00ments", "%ED%A0%80", "x".repeat(300)}) {
      platformAdmin
          .request()
          .urlEncodingEnabled(false)
          .get("/api/v1/teams/" + team)
          .then()
          .statusCode(404)
          .contentType(PROBLEM)
          .body("type", equalTo(TYPE + "team-not-found"));
    }
    for (String name : new String[] {"a%00b", "%FF", "a".repeat(64)}) {
      platformAdmin
          .request()
          .urlEncodingEnabled(false)
          .get(Api.pipelinePath("payments", name))
          .then()
          .statusCode(404)
          .contentType(PROBLEM)
          .body("type", equalTo(TYPE + "pipeline-not-found"));
      platformAdmin
          .request()
          .urlEncodingEnabled(false)
          .post(Api.pipelinePath("payments", name) + "/pause")
          .then()
          .statusCode(404)
          .contentType(PROBLEM);
    }
  }

  @Test
  void documentNamedAgainstAPathThatIsNoNameIsRefused() {
    developer
        .request()
        .urlEncodingEnabled(false)
        .contentType("application/json")
        .body(Documents.largePayments("payments", "nul", 1.0))
        .put(Api.pipelinePath("payments", "nul%00"))
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors.code", hasItem("name-mismatch"));
  }

  @Test
  void cursorsThatNoPageEndsOnAre400() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    for (byte[] key :
        new byte[][] {
          "a\0b".getBytes(StandardCharsets.UTF_8),
          {(byte) 0xFF, 'a'},
          "x".repeat(1000).getBytes(StandardCharsets.UTF_8)
        }) {
      developer
          .request()
          .queryParam("cursor", base64.encodeToString(key))
          .get("/api/v1/teams/payments/pipelines")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("errors[0].path", equalTo("cursor"));
    }
  }

  @Test
  void auditTeamFilterThatIsNoSlugIs400() {
    platformAdmin
        .request()
        .urlEncodingEnabled(false)
        .queryParam("team", "pay%00ments")
        .get("/api/v1/audit")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].path", equalTo("team"));
  }

  @Test
  void pipelineTextThatTheCatalogCannotStoreIsRefused() {
    String name = "nul-" + UUID.randomUUID().toString().substring(0, 8);
    String document =
        Documents.largePayments("payments", name, 1.0).replace("payments of", "pay\\u0000ments");

    int status =
        developer
            .request()
            .contentType("application/json")
            .body(document)
            .put(Api.pipelinePath("payments", name))
            .then()
            .contentType(PROBLEM)
            .extract()
            .statusCode();

    assertThat(status).isBetween(400, 499);
    developer.getPipeline("payments", name).then().statusCode(404);
  }
}
