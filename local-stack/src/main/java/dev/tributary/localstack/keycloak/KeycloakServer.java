package dev.tributary.localstack.keycloak;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.process.Deadline;
import dev.tributary.localstack.process.JavaLauncher;
import dev.tributary.localstack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Keycloak 26 server from its distribution, in its own JVM, with HTTP on 127.0.0.1 and the given
 * realms imported.
 *
 * <p>It runs the server image that {@link KeycloakDistribution} built once into a cache directory
 * ({@code kc.sh start --optimized}: no Quarkus augmentation at start-up) with its own home
 * directory, so instances never share a file they write. The database is H2 in that directory.
 * {@link #close()} stops the server, and so does a JVM shutdown hook: it does not outlive the JVM
 * that started it unless that JVM is killed with SIGKILL.
 */
public final class KeycloakServer implements AutoCloseable {

  private static final int LOG_TAIL_LINES = 40;
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Only the C1 compiler: on a busy two-core machine C2's compiler threads compete with start-up
   * itself. Measured there, under load: ready in 51–111 s instead of 143–165 s (README).
   */
  private static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  /**
   * Variables of the caller's environment that kc.sh would obey: a {@code DEBUG=true} or a
   * developer's {@code KC_DB} must not change the server these tests run.
   */
  private static final Set<String> IGNORED_ENVIRONMENT =
      Set.of(
          "JAVA",
          "JAVA_OPTS",
          "JAVA_OPTS_APPEND",
          "JAVA_OPTS_KC_HEAP",
          "JAVA_ADD_OPENS",
          "JAVA_LOCALE",
          "DEBUG",
          "DEBUG_PORT",
          "DEBUG_SUSPEND",
          "PRINT_ENV");

  private final Process process;
  private final KeycloakDirectory directory;
  private final boolean temporaryDirectory;
  private final int port;
  private final int managementPort;
  private final String adminUsername;
  private final String adminPassword;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread shutdownHook;
  private boolean stopped;

  private KeycloakServer(
      Process process,
      KeycloakDirectory directory,
      boolean temporaryDirectory,
      int port,
      int managementPort,
      Builder builder) {
    this.process = process;
    this.directory = directory;
    this.temporaryDirectory = temporaryDirectory;
    this.port = port;
    this.managementPort = managementPort;
    this.adminUsername = builder.adminUsername;
    this.adminPassword = builder.adminPassword;
    this.shutdownHook = new Thread(this::stop, "keycloak-" + process.pid() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The server's root URL, e.g. {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return "http://" + Ports.HOST + ":" + port;
  }

  /**
   * The issuer of the realm's tokens (their {@code iss} claim), which is also the URL that OIDC
   * clients are configured with, e.g. Quarkus's {@code quarkus.oidc.auth-server-url}. It does not
   * depend on how a request reached the server: the hostname is fixed to {@link #baseUrl()}.
   */
  public String issuerUri(String realm) {
    return baseUrl() + "/realms/" + realm;
  }

  public String tokenEndpoint(String realm) {
    return issuerUri(realm) + "/protocol/openid-connect/token";
  }

  /**
   * Signs a user in with the resource owner password grant and returns the access token (a JWT).
   * The client must be public and allow direct access grants.
   *
   * @throws KeycloakServerException with Keycloak's answer if it refuses
   */
  public String passwordGrantToken(
      String realm, String clientId, String username, String password) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username);
    form.put("password", password);
    form.put("scope", "openid");
    String body =
        form.entrySet().stream()
            .map(
                field ->
                    field.getKey()
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tokenEndpoint(realm)))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new KeycloakServerException("Cannot reach " + tokenEndpoint(realm), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeycloakServerException("Interrupted while asking Keycloak for a token", e);
    }
    if (response.statusCode() != 200) {
      throw new KeycloakServerException(
          "Keycloak refused a password grant for %s with client %s in realm %s: HTTP %d %s"
              .formatted(username, clientId, realm, response.statusCode(), response.body()));
    }
    try {
      return JSON.readTree(response.body()).required("access_token").asText();
    } catch (IOException | IllegalArgumentException e) {
      throw new KeycloakServerException(
          "Keycloak's token response has no access_token: " + response.body(), e);
    }
  }

  /** The bootstrap administrator of the {@code master} realm. */
  public String adminUsername() {
    return adminUsername;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public int port() {
    return port;
  }

  /** The management interface's port, which serves {@code /health/ready}. */
  public int managementPort() {
    return managementPort;
  }

  /** Keycloak's home for this instance: configuration, log and {@code data/} (its database). */
  public Path dataDir() {
    return directory.root();
  }

  public Path logFile() {
    return directory.logFile();
  }

  /** The process id of kc.sh, whose child is the server's JVM. */
  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Blocks until Keycloak exits, and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * Stops Keycloak: SIGTERM, which kc.sh passes to the server for a graceful shutdown, then SIGKILL
   * to kc.sh and the server if they still run 30 seconds later. Deletes the data directory if it is
   * a temporary one.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // The hook runs stop() anyway, and stop() runs once.
    }
    stop();
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    // Taken before kc.sh exits: the server's JVM is no longer its descendant afterwards.
    List<ProcessHandle> server = process.descendants().toList();
    Deadline deadline = Deadline.in(STOP_GRACE);
    process.destroy();
    try {
      if (process.waitFor(deadline.remainingMillis(), MILLISECONDS)) {
        for (ProcessHandle jvm : server) {
          jvm.onExit().get(deadline.remainingMillis(), MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception stillRunning) {
      // Killed below.
    }
    server.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    if (temporaryDirectory) {
      directory.delete();
    }
  }

  private void awaitReady(Deadline deadline) {
    HttpRequest readiness =
        HttpRequest.newBuilder(
                URI.create("http://%s:%d/health/ready".formatted(Ports.HOST, managementPort)))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      while (true) {
        try {
          if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // Polled again below.
        }
        if (process.waitFor(POLL_INTERVAL.toMillis(), MILLISECONDS)) {
          throw failure(
              directory, "Keycloak exited with code " + process.exitValue() + " while starting");
        }
        if (deadline.hasPassed()) {
          throw failure(directory, "Keycloak did not become ready within " + deadline.timeout());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeycloakServerException("Interrupted while waiting for Keycloak to start", e);
    }
  }

  private static KeycloakServerException failure(KeycloakDirectory directory, String reason) {
    return new KeycloakServerException(
        "%s. Last lines of %s:\n%s"
            .formatted(reason, directory.logFile(), directory.logTail(LOG_TAIL_LINES)));
  }

  /**
   * Runs kc.sh on this JVM's Java ({@link JavaLauncher}), untouched by the caller's settings, with
   * the quiet options; {@link Builder#javaOptions} adds to them.
   */
  static void javaEnvironment(Map<String, String> environment) {
    environment
        .keySet()
        .removeIf(name -> name.startsWith("KC_") || IGNORED_ENVIRONMENT.contains(name));
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("JAVA_OPTS_APPEND", String.join(" ", JavaLauncher.quietOptions()));
  }

  private static List<String> defaultJavaOptions() {
    List<String> options = new ArrayList<>(DEFAULT_JAVA_OPTIONS);
    options.addAll(JavaLauncher.quietOptions());
    return options;
  }

  /**
   * Options for a server; each has a default, so {@code KeycloakServer.builder().start()} works.
   */
  public static final class Builder {

    private int port;
    private int managementPort;
    private Path dataDir;
    private String adminUsername = "admin";
    private String adminPassword = "admin";
    private Duration startupTimeout = Duration.ofMinutes(3);
    private final Map<String, Path> realmFiles = new LinkedHashMap<>();
    private final List<String> javaOptions = new ArrayList<>(defaultJavaOptions());

    private Builder() {}

    /**
     * A realm to import at start-up, from a realm export (JSON with a top-level {@code realm}
     * name). A realm that already exists in a kept data directory is left as it is.
     */
    public Builder realm(Path realmFile) {
      String realm;
      try {
        realm = JSON.readTree(realmFile.toFile()).path("realm").asText("");
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the realm file " + realmFile, e);
      }
      if (realm.isBlank()) {
        throw new IllegalArgumentException(
            "The realm file " + realmFile + " has no top-level \"realm\" name");
      }
      realmFiles.put(realm, realmFile);
      return this;
    }

    /** The HTTP port on 127.0.0.1; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The management interface's port (health); 0, the default, picks a free one. */
    public Builder managementPort(int managementPort) {
      this.managementPort = managementPort;
      return this;
    }

    /**
     * Keycloak's home for this instance, kept after {@link KeycloakServer#close()}: its database
     * (users, sessions, changes made in the admin console) survives restarts. By default a
     * temporary directory, deleted on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /**
     * The {@code master} realm's administrator, created on the first start of a data directory;
     * {@code admin}/{@code admin} by default.
     */
    public Builder admin(String username, String password) {
      this.adminUsername = username;
      this.adminPassword = password;
      return this;
    }

    /**
     * How long the server may take to become ready; 3 minutes by default. Building the server
     * image, once per machine, is not included.
     */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /**
     * Adds options for the server's JVM (kc.sh's {@code JAVA_OPTS_APPEND}), after the defaults:
     * {@code -XX:TieredStopAtLevel=1} and {@link JavaLauncher#quietOptions()}.
     */
    public Builder javaOptions(String... options) {
      javaOptions.addAll(List.of(options));
      return this;
    }

    /** Starts Keycloak and waits until its readiness check passes, with the realms imported. */
    public KeycloakServer start() {
      Path image = KeycloakDistribution.image();
      Deadline deadline = Deadline.in(startupTimeout);
      int httpPort =
          port == 0
              ? Ports.free(managementPort)
              : Ports.requireFree(port, KeycloakServerException::new);
      int healthPort =
          managementPort == 0
              ? Ports.free(httpPort)
              : Ports.requireFree(managementPort, KeycloakServerException::new);
      boolean temporary = dataDir == null;
      KeycloakDirectory directory =
          new KeycloakDirectory(temporary ? createTempDirectory() : dataDir);
      Process process;
      try {
        directory.prepare(image, realmFiles);
        process = launch(directory, httpPort, healthPort);
      } catch (RuntimeException e) {
        if (temporary) {
          directory.delete();
        }
        throw e;
      }
      KeycloakServer server =
          new KeycloakServer(process, directory, temporary, httpPort, healthPort, this);
      try {
        server.awaitReady(deadline);
        return server;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }

    private Process launch(KeycloakDirectory directory, int httpPort, int healthPort) {
      List<String> command =
          List.of(
              directory.script().toString(),
              "start",
              "--optimized",
              "--http-enabled=true",
              "--http-host=" + Ports.HOST,
              "--http-port=" + httpPort,
              "--http-management-port=" + healthPort,
              // Tokens name this issuer however the server was reached (localhost, 127.0.0.1).
              "--hostname=http://" + Ports.HOST + ":" + httpPort,
              // One node: no Infinispan cluster, no JGroups discovery.
              "--cache=local",
              "--import-realm",
              // The readiness polls would log every "DOWN" while the server starts.
              "--log-level=INFO,io.smallrye.health:WARN");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(directory.logFile().toFile()));
      Map<String, String> environment = builder.environment();
      javaEnvironment(environment);
      environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
      environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      environment.put("JAVA_OPTS_APPEND", String.join(" ", javaOptions));
      try {
        return builder.start();
      } catch (IOException e) {
        throw new KeycloakServerException("Cannot start " + directory.script(), e);
      }
    }

    private static Path createTempDirectory() {
      try {
        return Files.createTempDirectory("tributary-keycloak-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary home for Keycloak", e);
      }
    }
  }
}
