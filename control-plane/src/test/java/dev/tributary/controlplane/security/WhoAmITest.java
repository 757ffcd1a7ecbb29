package dev.tributary.controlplane.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.tributary.controlplane.testing.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Runs against a real Keycloak: tokens come from the realm file's demo users. */
@QuarkusTest
class WhoAmITest {

  @Test
  void teamMemberSeesTheirTeamAndRoleFromTheGroupsClaim() {
    given()
        .auth()
        .oauth2(DemoUser.PAYMENTS_DEVELOPER.token())
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("payments-developer"))
        .body("platformRoles", empty())
        .body("teams.team", contains("payments"))
        .body("teams.role", contains("team-developer"));
  }

  @Test
  void platformAdminHasThePlatformRoleAndNoTeam() {
    given()
        .auth()
        .oauth2(DemoUser.PLATFORM_ADMIN.token())
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("platformRoles", contains("platform-admin"))
        .body("teams", empty());
  }

  @Test
  void requestWithoutTokenIsUnauthenticatedProblem() {
    given()
        .when()
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer")
        .body("type", equalTo("https://tributary.dev/problems/unauthenticated"));
  }

  @Test
  void forgedTokenIsUnauthenticated() {
    String token = DemoUser.PAYMENTS_ADMIN.token();
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
    given().auth().oauth2(forged).when().get("/api/v1/me").then().statusCode(401);
  }
}
