package dev.tributary.controlplane.console;

import dev.tributary.controlplane.security.AuthConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the web console (the {@code web-console} module's jar) at /console as a single-page
 * application: a path that is no file of the build answers index.html, so deep links work; the
 * content-hashed files under assets/ are cached for a year, index.html is revalidated every time so
 * a new build is picked up at the next load. The files live in META-INF/tributary-console, not
 * META-INF/resources, so that Quarkus's own static handler does not serve them without these rules.
 */
@ApplicationScoped
public class ConsoleRoutes {

  static final String PATH = "/console";
  private static final String ROOT = "META-INF/tributary-console/";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("woff", "font/woff"),
          Map.entry("ttf", "font/ttf"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  @Inject AuthConfig auth;
  @Inject ConsoleConfig console;

  @ConfigProperty(name = "quarkus.oidc.auth-server-url")
  Optional<String> authServerUrl;

  /**
   * The files of the build found so far, read once (absent paths are not kept: any can be asked).
   */
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  void register(@Observes Router router) {
    // A path route would also match "/console/"; only the bare path redirects.
    router.getWithRegex("^" + PATH + "$").handler(rc -> rc.redirect(PATH + "/"));
    router.get(PATH + "/config.json").handler(this::config);
    router
        .route(PATH + "/*")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .blockingHandler(this::file, false);
  }

  /** What the console needs before it can sign anyone in: the mode and the realm. */
  private void config(RoutingContext rc) {
    JsonObject body = new JsonObject().put("authentication", auth.mode().name().toLowerCase());
    if (auth.mode() == AuthConfig.Mode.OIDC && authServerUrl.isPresent()) {
      String url = authServerUrl.get();
      int realms = url.lastIndexOf("/realms/");
      body.put(
          "oidc",
          new JsonObject()
              .put("url", realms < 0 ? url : url.substring(0, realms))
              .put("realm", realms < 0 ? "" : url.substring(realms + "/realms/".length()))
              .put("clientId", console.clientId()));
    }
    rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  private void file(RoutingContext rc) {
    String path = rc.normalizedPath().substring(PATH.length() + 1);
    Optional<byte[]> found = path.isEmpty() || path.contains("..") ? Optional.empty() : read(path);
    if (found.isPresent()) {
      send(rc, path, found.get(), path.startsWith("assets/") ? IMMUTABLE : REVALIDATE);
      return;
    }
    if (path.startsWith("assets/")) {
      // A missing hashed file is an old or wrong link, never a page of the application.
      rc.response().setStatusCode(404).putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE).end();
      return;
    }
    Optional<byte[]> index = read("index.html");
    if (index.isEmpty()) {
      rc.response()
          .setStatusCode(404)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("The web console is not part of this build (module web-console).\n");
      return;
    }
    send(rc, "index.html", index.get(), REVALIDATE);
  }

  private static void send(RoutingContext rc, String path, byte[] bytes, String cacheControl) {
    String extension = path.substring(path.lastIndexOf('.') + 1);
    rc.response()
        .putHeader(
            HttpHeaders.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"))
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(Buffer.buffer(bytes));
  }

  private Optional<byte[]> read(String path) {
    byte[] known = files.get(path);
    if (known != null) {
      return Optional.of(known);
    }
    if (path.endsWith("/")) {
      return Optional.empty();
    }
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      files.put(path, bytes);
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
