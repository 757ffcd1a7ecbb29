package dev.tributary.controlplane.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's build (module web-console) served as a single-page application at /console. */
@QuarkusTest
class ConsoleRoutesTest {

  @Test
  void theConsoleRootIsItsIndexAndIsRevalidatedOnEveryLoad() {
    given()
        .get("/console/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Cache-Control", "no-cache")
        .body(containsString("<div id=\"root\">"));
  }

  @Test
  void aDeepLinkOfTheApplicationAnswersTheIndexSoTheConsoleCanRouteIt() {
    given()
        .get("/console/teams/payments/pipelines/large-payments")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Cache-Control", "no-cache")
        .body(containsString("/console/assets/"));
  }

  @Test
  void hashedAssetsAreCachedForAYearAndAMissingOneIsNotFound() {
    String index = given().get("/console/").then().extract().asString();
    Matcher script = Pattern.compile("/console/assets/[^\"]+\\.js").matcher(index);
    script.find();
    given()
        .get(script.group())
        .then()
        .statusCode(200)
        .contentType(startsWith("text/javascript"))
        .header("Cache-Control", "public, max-age=31536000, immutable");
    given().get("/console/assets/gone-0000.js").then().statusCode(404);
  }

  @Test
  void theBarePathRedirectsToTheConsoleRoot() {
    given()
        .redirects()
        .follow(false)
        .get("/console")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/console/"));
  }

  @Test
  void theConfigurationTellsTheConsoleWhichRealmAndClientToSignInWith() {
    given()
        .get("/console/config.json")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("authentication", equalTo("oidc"))
        .body("oidc.clientId", equalTo("tributary-console"))
        .body("oidc.realm", equalTo("tributary"));
  }

  @Test
  void pathsOutsideTheBuildAreNeverRead() {
    RestAssured.given()
        .urlEncodingEnabled(false)
        .get("/console/..%2F..%2Fapplication.properties")
        .then()
        .statusCode(200)
        .body(containsString("<div id=\"root\">"));
  }
}
