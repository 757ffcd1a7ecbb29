package dev.tributary.controlplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document checked in under docs/ is the one the application serves: clients are
 * generated from the file, so it must never go stale. Regenerate it with {@code ./mvnw -pl
 * control-plane test -Dtest=OpenApiDocumentIsCurrentTest -Dtributary.openapi.update=true}.
 */
@QuarkusTest
class OpenApiDocumentIsCurrentTest {

  static final Path CHECKED_IN = Path.of("../docs/openapi.yaml");

  @Test
  void checkedInDocumentMatchesTheServedOne() throws Exception {
    String served =
        given()
            .queryParam("format", "yaml")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    if (Boolean.getBoolean("tributary.openapi.update")) {
      Files.writeString(CHECKED_IN, served);
    }
    assertThat(Files.readString(CHECKED_IN))
        .as(
            "docs/openapi.yaml is stale; regenerate it with ./mvnw -pl control-plane test"
                + " -Dtest=OpenApiDocumentIsCurrentTest -Dtributary.openapi.update=true")
        .isEqualTo(served);
  }

  @Test
  void documentDeclaresTheBearerSchemeAndProblemResponses() {
    String served =
        given().queryParam("format", "yaml").get("/q/openapi").then().extract().asString();

    assertThat(served)
        .contains(
            "securitySchemes:",
            "scheme: bearer",
            "application/problem+json",
            "PreconditionFailed:",
            "InvalidPipeline:");
  }
}
