package dev.tributary.controlplane.testing;

import dev.tributary.localstack.keycloak.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Keycloak with the repository's realm file for the tests: the one at {@code
 * TRIBUTARY_TEST_KEYCLOAK_URL} (which must have imported that realm) when set, otherwise one
 * started by local-stack's {@link KeycloakServer}, once per test JVM.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

  public static final String REALM = "tributary";
  static final Path REALM_FILE = Path.of("src/main/keycloak/tributary-realm.json");

  private static volatile String keycloakUrl;
  private KeycloakServer server;

  @Override
  public Map<String, String> start() {
    String external = System.getenv("TRIBUTARY_TEST_KEYCLOAK_URL");
    if (external != null && !external.isBlank()) {
      keycloakUrl = external.replaceAll("/+$", "");
    } else {
      // Started beside PostgreSQL and the Quarkus build on a busy machine: more than the default.
      server =
          KeycloakServer.builder().realm(REALM_FILE).startupTimeout(Duration.ofMinutes(6)).start();
      keycloakUrl = server.baseUrl();
    }
    return Map.of("quarkus.oidc.auth-server-url", keycloakUrl + "/realms/" + REALM);
  }

  /** The base URL of the Keycloak in use, once started. */
  public static String keycloakUrl() {
    if (keycloakUrl == null) {
      throw new IllegalStateException("Keycloak is not started");
    }
    return keycloakUrl;
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
