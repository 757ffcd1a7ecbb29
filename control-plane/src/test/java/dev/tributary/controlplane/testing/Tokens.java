package dev.tributary.controlplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real access tokens from the test Keycloak, obtained as a user would with curl: the password grant
 * of the public client {@code tributary-console}. The realm's tokens live an hour, longer than any
 * test run, so each user's token is fetched once.
 */
public final class Tokens {

  public static final String CLIENT = "tributary-console";
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tokens() {}

  public static String accessToken(String username, String password) {
    return CACHE.computeIfAbsent(username, u -> fetch(u, password));
  }

  private static String fetch(String username, String password) {
    String form =
        "grant_type=password&client_id="
            + CLIENT
            + "&username="
            + encode(username)
            + "&password="
            + encode(password);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    KeycloakResource.keycloakUrl()
                        + "/realms/"
                        + KeycloakResource.REALM
                        + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Keycloak refused a token for " + username + ": " + response.body());
      }
      JsonNode body = JSON.readTree(response.body());
      return body.get("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException("could not reach Keycloak for a token", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
