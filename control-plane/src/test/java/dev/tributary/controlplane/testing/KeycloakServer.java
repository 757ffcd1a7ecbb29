package dev.tributary.controlplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Keycloak from its distribution ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by
 * the build into {@code ~/.cache/tributary}), in dev mode with an in-memory database and the given
 * realm imported. It runs on JDK 21 or newer: the one running this code.
 *
 * <p>Meant to move to local-stack, beside the Kafka broker launcher.
 */
public final class KeycloakServer implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(6);

  private final Process process;
  private final int port;
  private final Path log;

  private KeycloakServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Keycloak and waits until the realm answers.
   *
   * @param home the unpacked distribution
   * @param realmFile a realm export to import
   * @param realm the realm's name, to know when it is served
   * @param logFile where Keycloak's output goes
   */
  public static KeycloakServer start(Path home, Path realmFile, String realm, Path logFile) {
    Path kc = home.resolve("bin/kc.sh");
    if (!Files.isExecutable(kc)) {
      throw new IllegalStateException(
          "no Keycloak distribution at "
              + home
              + "; the control-plane build unpacks it"
              + " (./mvnw -pl control-plane process-test-resources)");
    }
    try {
      Path imports = Files.createDirectories(home.resolve("data/import"));
      Files.copy(
          realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      Files.createDirectories(logFile.getParent());
      int port = freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      kc.toString(),
                      "start-dev",
                      "--db=dev-mem",
                      "--import-realm",
                      "--http-port=" + port,
                      "--http-management-port=" + freePort(),
                      "--hostname-strict=false",
                      "--cache=local"))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile());
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
      builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
      // Keycloak's dev defaults take half the machine's memory; tests and the API share it.
      builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
      KeycloakServer server = new KeycloakServer(builder.start(), port, logFile);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      server.awaitRealm(realm);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://localhost:" + port;
  }

  public String realmUrl(String realm) {
    return url() + "/realms/" + realm;
  }

  private void awaitRealm(String realm) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(realmUrl(realm) + "/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Keycloak exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
      try {
        // Polling interval while the server boots, not a synchronisation sleep.
        process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Keycloak", e);
      }
    }
    close();
    throw new IllegalStateException(
        "Keycloak did not serve realm " + realm + " within " + STARTUP_TIMEOUT + "; see " + log);
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
