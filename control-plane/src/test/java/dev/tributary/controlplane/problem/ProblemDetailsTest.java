package dev.tributary.controlplane.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Bad input of every kind gets a 4xx problem+json with a stable type — never a 500. */
@QuarkusTest
class ProblemDetailsTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String TYPE = "https://tributary.dev/problems/";
  private final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);
  private final Api platformAdmin = Api.as(DemoUser.PLATFORM_ADMIN);

  @Test
  void unknownRouteIsNotFound() {
    developer
        .request()
        .get("/api/v1/nothing-here")
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "not-found"))
        .body("instance", equalTo("/api/v1/nothing-here"));
  }

  @Test
  void unknownRouteOutsideTheApiIsNotFoundToo() {
    given().get("/no/such/page").then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void wrongMethodIsMethodNotAllowed() {
    developer
        .request()
        .delete("/api/v1/me")
        .then()
        .statusCode(405)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "method-not-allowed"));
  }

  @Test
  void pipelineInAnUnsupportedMediaTypeIs415() {
    developer
        .request()
        .contentType("application/xml")
        .body("<pipeline/>")
        .put(Api.pipelinePath("payments", "xml"))
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "unsupported-media-type"));
  }

  @Test
  void unreadableJsonIs400() {
    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": ")
        .post("/api/v1/teams")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "malformed-body"));
  }

  @Test
  void jsonOfTheWrongShapeIs400() {
    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"x\", \"quotas\": \"many\"}")
        .post("/api/v1/teams")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "malformed-body"));
  }

  @Test
  void unreadablePipelineIsAnInvalidPipelineWithTheSyntaxError() {
    developer
        .request()
        .contentType("application/json")
        .body("{\"apiVersion\": ")
        .put(Api.pipelinePath("payments", "broken"))
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-pipeline"))
        .body("errors.code", hasItem("syntax"));
  }

  @Test
  void invalidTeamFieldsAreListed() {
    platformAdmin
        .request()
        .contentType("application/json")
        .body("{\"slug\": \"Not A Slug\", \"displayName\": \"\"}")
        .post("/api/v1/teams")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-request"))
        .body("errors.path", hasItem("slug"))
        .body("errors.path", hasItem("displayName"));
  }

  @Test
  void pipelineOverTheDocumentLimitIs413() {
    String huge =
        Documents.largePayments("payments", "huge", 1.0)
            .replace("\"kind\"", " ".repeat(1_000_001) + "\"kind\"");
    developer
        .request()
        .contentType("application/json")
        .body(huge)
        .put(Api.pipelinePath("payments", "huge"))
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "body-too-large"));
  }

  @Test
  void bodyOverTheHttpLimitIs413() {
    String huge = "x".repeat(3 * 1024 * 1024);
    developer
        .request()
        .contentType("application/json")
        .body(huge)
        .put(Api.pipelinePath("payments", "huge"))
        .then()
        .statusCode(413)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "body-too-large"));
  }

  @Test
  void badPageParametersAre400() {
    developer
        .request()
        .queryParam("limit", 0)
        .get("/api/v1/teams/payments/pipelines")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].path", equalTo("limit"));
    developer
        .request()
        .queryParam("cursor", "%%%")
        .get("/api/v1/teams/payments/pipelines")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].path", equalTo("cursor"));
    developer
        .request()
        .queryParam("state", "sleeping")
        .get("/api/v1/teams/payments/pipelines")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].path", equalTo("state"));
    developer
        .request()
        .queryParam("limit", "many")
        .get("/api/v1/teams/payments/pipelines")
        .then()
        .statusCode(404);
  }

  @Test
  void unknownChangeSourceIs400() {
    developer
        .request()
        .contentType("application/json")
        .header("Tributary-Source", "fax")
        .body(Documents.largePayments("payments", "fax", 1.0))
        .put(Api.pipelinePath("payments", "fax"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].path", equalTo("Tributary-Source"));
  }

  @Test
  void revisionThatIsNotANumberIsNotFound() {
    developer
        .request()
        .get(Api.pipelinePath("payments", "any") + "/revisions/latest")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }
}
