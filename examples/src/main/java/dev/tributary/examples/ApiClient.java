package dev.tributary.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small client of the control plane's API for the examples and the end-to-end test: signs users
 * in with Keycloak's password grant (the realm's public {@code tributary-console} client), or sends
 * no token in single-user mode.
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TOKEN_REUSE = Duration.ofMinutes(4);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String api;
  private final String tokenEndpoint;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  /** One answer: status, ETag and body (JSON, or null when empty or not JSON). */
  public record Response(int status, String etag, String body) {
    public JsonNode json() {
      try {
        return body == null || body.isBlank() ? null : JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
      }
    }

    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private record Token(String value, long fetchedAtNanos) {}

  /**
   * @param api e.g. {@code http://127.0.0.1:8080}
   * @param tokenEndpoint Keycloak's token endpoint of the realm, null in single-user mode
   */
  public ApiClient(String api, String tokenEndpoint) {
    this.api = api.replaceAll("/+$", "");
    this.tokenEndpoint = tokenEndpoint;
  }

  public Response get(String user, String path) {
    return send(user, HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response post(String user, String path) {
    return send(user, HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response delete(String user, String path) {
    return send(user, HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /** PUT of a YAML document; {@code ifMatch} may be null. */
  public Response putYaml(String user, String path, String yaml, String ifMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(yaml));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(user, request);
  }

  /**
   * Creates the pipeline, or replaces it with this document (taking its current ETag), and returns
   * the answer of the PUT.
   */
  public Response apply(String user, String team, String name, String yaml) {
    String path = "/api/v1/teams/" + team + "/pipelines/" + name;
    Response response = putYaml(user, path, yaml, null);
    if (response.status() == 428) {
      Response current = get(user, path);
      if (!current.ok()) {
        return current;
      }
      response = putYaml(user, path, yaml, current.etag());
    }
    return response;
  }

  private URI uri(String path) {
    return URI.create(api + path);
  }

  private Response send(String user, HttpRequest.Builder request) {
    request.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    if (tokenEndpoint != null) {
      request.header("Authorization", "Bearer " + token(user));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("ETag").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new ApiException("Cannot reach the control plane at " + api + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("Interrupted", e);
    }
  }

  /** An access token of the demo user (password {@code demo}), fetched again every few minutes. */
  public String token(String user) {
    Token token = tokens.get(user);
    if (token != null && System.nanoTime() - token.fetchedAtNanos() < TOKEN_REUSE.toNanos()) {
      return token.value();
    }
    String form =
        "grant_type=password&client_id=tributary-console&username=%s&password=demo"
            .formatted(URLEncoder.encode(user, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tokenEndpoint))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new ApiException(
            "Keycloak refused to sign in "
                + user
                + " ("
                + response.statusCode()
                + "): "
                + response.body(),
            null);
      }
      String value = JSON.readTree(response.body()).path("access_token").asText();
      tokens.put(user, new Token(value, System.nanoTime()));
      return value;
    } catch (IOException e) {
      throw new ApiException("Cannot reach Keycloak at " + tokenEndpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("Interrupted", e);
    }
  }

  /** The control plane or Keycloak could not be reached, or refused a sign-in. */
  public static final class ApiException extends RuntimeException {
    ApiException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
