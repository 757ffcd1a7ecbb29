package dev.tributary.controlplane.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Requests to the API as one demo user, in the words of the tests. */
public final class Api {

  public static final String BASE = "/api/v1";

  private final DemoUser user;

  private Api(DemoUser user) {
    this.user = user;
  }

  public static Api as(DemoUser user) {
    return new Api(user);
  }

  public RequestSpecification request() {
    return given().auth().oauth2(user.token());
  }

  public static String pipelinePath(String team, String name) {
    return BASE + "/teams/" + team + "/pipelines/" + name;
  }

  public Response putPipeline(String team, String name, String json) {
    return request().contentType("application/json").body(json).put(pipelinePath(team, name));
  }

  public Response putPipeline(String team, String name, String json, String ifMatch) {
    return request()
        .contentType("application/json")
        .header("If-Match", ifMatch)
        .body(json)
        .put(pipelinePath(team, name));
  }

  /** Creates or replaces a pipeline from YAML; {@code ifMatch} may be null. */
  public Response putPipelineYaml(String team, String name, String yaml, String ifMatch) {
    var request =
        request()
            .contentType("application/yaml")
            .body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request.put(pipelinePath(team, name));
  }

  /** One revision of a pipeline, which must exist. */
  public io.restassured.path.json.JsonPath revision(String team, String name, int number) {
    return request()
        .get(pipelinePath(team, name) + "/revisions/" + number)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public Response getPipeline(String team, String name) {
    return request().get(pipelinePath(team, name));
  }

  public Response deletePipeline(String team, String name) {
    return request().delete(pipelinePath(team, name));
  }

  /** Creates a pipeline and changes it once, so that it has revisions 1 and 2; returns the ETag. */
  public String createWithTwoRevisions(String team, String name) {
    putPipeline(team, name, Documents.largePayments(team, name, 100.0)).then().statusCode(201);
    return putPipeline(team, name, Documents.largePayments(team, name, 200.0), "\"1\"")
        .then()
        .statusCode(200)
        .extract()
        .header("ETag");
  }
}
