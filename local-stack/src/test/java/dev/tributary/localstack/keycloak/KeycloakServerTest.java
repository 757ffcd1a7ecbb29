package dev.tributary.localstack.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One Keycloak for the whole class (it takes tens of seconds to start); the last test stops it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakServerTest {

  private static final String REALM = "tributary-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KeycloakServer keycloak;

  @BeforeAll
  static void startKeycloakWithTheTestRealm() throws Exception {
    Path realm =
        Path.of(
            KeycloakServerTest.class.getResource("/keycloak/tributary-test-realm.json").toURI());
    keycloak = KeycloakServer.builder().realm(realm).start();
  }

  @AfterAll
  static void stopKeycloak() {
    keycloak.close();
  }

  @Test
  @Order(1)
  void passwordGrantReturnsATokenIssuedByTheRealmForTheUser() throws Exception {
    String token = keycloak.passwordGrantToken(REALM, "tributary-cli", "alice", "alice-password");

    JsonNode claims = claims(token);
    assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuerUri(REALM));
    assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(claims.path("azp").asText()).isEqualTo("tributary-cli");
  }

  @Test
  @Order(1)
  void wrongPasswordIsRefusedWithKeycloaksAnswer() {
    assertThatThrownBy(
            () -> keycloak.passwordGrantToken(REALM, "tributary-cli", "alice", "not-her-password"))
        .isInstanceOf(KeycloakServerException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("Invalid user credentials");
  }

  @Test
  @Order(1)
  void discoveryDocumentAnnouncesTheIssuerAndTokenEndpoint() throws Exception {
    HttpResponse<String> discovery =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(keycloak.issuerUri(REALM) + "/.well-known/openid-configuration"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(discovery.statusCode()).isEqualTo(200);
    JsonNode document = JSON.readTree(discovery.body());
    assertThat(document.path("issuer").asText()).isEqualTo(keycloak.issuerUri(REALM));
    assertThat(document.path("token_endpoint").asText()).isEqualTo(keycloak.tokenEndpoint(REALM));
  }

  @Test
  @Order(2)
  void closeStopsKeycloakAndItsJvmAndDeletesItsTemporaryHome() {
    ProcessHandle script = ProcessHandle.of(keycloak.pid()).orElseThrow();
    List<ProcessHandle> processes = Stream.concat(Stream.of(script), script.descendants()).toList();
    Path home = keycloak.dataDir();
    assertThat(processes).hasSizeGreaterThanOrEqualTo(2).allMatch(ProcessHandle::isAlive);

    keycloak.close();

    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(home).doesNotExist();
  }

  private static JsonNode claims(String jwt) throws Exception {
    String payload = jwt.split("\\.")[1];
    return JSON.readTree(Base64.getUrlDecoder().decode(payload));
  }
}
