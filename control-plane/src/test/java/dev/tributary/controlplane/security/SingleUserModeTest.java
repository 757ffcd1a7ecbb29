package dev.tributary.controlplane.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tributary.controlplane.testing.SingleUserProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Single-user mode: no token needed, everyone is the local platform-admin, and it says so. */
@QuarkusTest
@TestProfile(SingleUserProfile.class)
class SingleUserModeTest {

  @Test
  void withoutATokenTheCallerIsTheLocalPlatformAdminAndIsToldSo() {
    given()
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("local-admin"))
        .body("platformRoles", hasItem("platform-admin"))
        .body("authentication", equalTo("none"));
  }

  @Test
  void theLocalUserMayDoWhatAPlatformAdminMay() {
    given().get("/api/v1/teams/payments/status").then().statusCode(200);
    given()
        .get("/api/v1/platform/status")
        .then()
        .statusCode(200)
        .body("deployTarget", equalTo("local"))
        .body("totals.pipelines", equalTo(0));
    given().get("/api/v1/audit").then().statusCode(200);
  }
}
