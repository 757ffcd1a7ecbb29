package dev.tributary.localstack.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.keycloak.KeycloakServer;
import dev.tributary.localstack.postgres.PostgresServer;
import dev.tributary.localstack.process.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole platform on this machine, as {@code ./tributary up} starts it: a Kafka broker (KRaft,
 * its own JVM), PostgreSQL, Keycloak with the project's realm (unless single-user), and the control
 * plane with the {@code local} deploy target, all listening on 127.0.0.1 and keeping their data in
 * one folder. {@link #close()} stops them in reverse order: the control plane first, so that its
 * workers commit and leave their groups while the broker is still there.
 */
public final class LocalPlatform implements AutoCloseable {

  /** The realm the control plane trusts. */
  public static final String REALM = "tributary";

  /** The realm's public client the console signs in with. */
  static final String CONSOLE_CLIENT = "tributary-console";

  private final PlatformOptions options;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private KafkaBroker kafka;
  private PostgresServer postgres;
  private KeycloakServer keycloak;
  private ControlPlaneProcess controlPlane;

  private LocalPlatform(PlatformOptions options) {
    this.options = options;
  }

  /**
   * Starts every service, printing a line per step to {@code out}. When one fails, those already
   * started are stopped and the {@link PlatformException} says what went wrong.
   */
  public static LocalPlatform start(PlatformOptions options, PrintStream out) {
    LocalPlatform platform = new LocalPlatform(options);
    try {
      platform.startAll(out);
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void startAll(PrintStream out) {
    checkPorts();
    Path data = options.dataDir();
    createDirectory(data);
    Steps steps = new Steps(out, options.singleUser() ? 3 : 4);
    kafka =
        steps.start(
            "Kafka broker",
            "KRaft",
            () ->
                KafkaBroker.builder()
                    .port(options.kafkaPort())
                    .controllerPort(options.kafkaControllerPort())
                    .dataDir(data.resolve("kafka"))
                    // Topics are the platform's to create, with their planned partitions and
                    // configs; a producer's typo must not create a topic of one partition.
                    .property("auto.create.topics.enable", "false")
                    // Every client authenticates and holds ACLs for exactly what it needs:
                    // the control plane the admin identity, each pipeline's workers and each
                    // team's applications their own (docs/security.md).
                    .secured()
                    .startupTimeout(Duration.ofMinutes(2))
                    .start(),
            broker -> "at " + broker.bootstrapServers());
    started.push(kafka);
    postgres =
        steps.start(
            "PostgreSQL",
            null,
            () ->
                PostgresServer.builder()
                    .port(options.postgresPort())
                    .dataDir(data.resolve("postgres"))
                    .startupTimeout(Duration.ofMinutes(2))
                    .start(),
            server -> "at " + server.jdbcUrl());
    started.push(postgres);
    if (!options.singleUser()) {
      keycloak =
          steps.start(
              "Keycloak with the " + REALM + " realm",
              "the first start builds its server image",
              () ->
                  KeycloakServer.builder()
                      .port(options.keycloakPort())
                      .managementPort(options.keycloakManagementPort())
                      .dataDir(data.resolve("keycloak"))
                      .realm(realmForApiPort(options.realmFile(), options.apiPort(), data))
                      .startupTimeout(Duration.ofMinutes(5))
                      .start(),
              server -> "at " + server.baseUrl());
      started.push(keycloak);
    }
    controlPlane =
        steps.start(
            "control plane",
            "deploy target: local",
            () ->
                ControlPlaneProcess.start(
                    options.controlPlaneJar(),
                    options.apiPort(),
                    controlPlaneEnvironment(),
                    data.resolve("logs").resolve("control-plane.log"),
                    Duration.ofMinutes(3)),
            process -> "at " + apiUrl());
    started.push(controlPlane);
  }

  /**
   * The realm file with the console's origins on this API port ({@code http://127.0.0.1:N} and
   * {@code http://localhost:N}) added to the web origins of the {@code tributary-console} client,
   * so that the browser may fetch tokens from Keycloak whichever {@code --api-port} is used. The
   * copy is written into the data folder; the project's realm file is left as it is.
   */
  static Path realmForApiPort(Path realmFile, int apiPort, Path data) {
    try {
      ObjectMapper json = new ObjectMapper();
      ObjectNode realm = (ObjectNode) json.readTree(realmFile.toFile());
      for (JsonNode client : realm.path("clients")) {
        if (!CONSOLE_CLIENT.equals(client.path("clientId").asText())) {
          continue;
        }
        ArrayNode origins = (ArrayNode) client.get("webOrigins");
        for (String host : List.of(Ports.HOST, "localhost")) {
          String origin = "http://" + host + ":" + apiPort;
          boolean present = false;
          for (JsonNode existing : origins) {
            present |= existing.asText().equals(origin);
          }
          if (!present) {
            origins.add(origin);
          }
        }
      }
      Path file = data.resolve("realm").resolve(realmFile.getFileName());
      Files.createDirectories(file.getParent());
      json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), realm);
      return file;
    } catch (IOException e) {
      throw new PlatformException("Cannot prepare the realm file " + realmFile, e);
    }
  }

  /** The control plane's settings: its database, identity provider and deploy target. */
  Map<String, String> controlPlaneEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_HOST", Ports.HOST);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(options.apiPort()));
    env.put("TRIBUTARY_DB_URL", postgres.jdbcUrl());
    env.put("TRIBUTARY_DB_USER", postgres.username());
    env.put("TRIBUTARY_DB_PASSWORD", postgres.password());
    // The realm's demo teams (payments, logistics) exist in the catalog, as their groups do.
    env.put("TRIBUTARY_DEMO_TEAMS", "true");
    env.put("TRIBUTARY_DEPLOY_TARGET", "local");
    env.put("TRIBUTARY_LOCAL_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("TRIBUTARY_KAFKA_CLIENT_PROPERTIES_FILE", kafkaAdminProperties().toString());
    env.put("TRIBUTARY_LOCAL_DATA_DIR", options.dataDir().resolve("runtime").toString());
    env.put("TRIBUTARY_LOCAL_WORKER_JAR", options.workerJar().toString());
    if (options.singleUser()) {
      // No Keycloak: every request is the local platform administrator (docs/security.md).
      env.put("QUARKUS_PROFILE", "single-user");
    } else {
      env.put("TRIBUTARY_OIDC_URL", keycloak.issuerUri(REALM));
    }
    return env;
  }

  public String apiUrl() {
    return "http://" + Ports.HOST + ":" + options.apiPort();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The broker's admin identity as a client properties file, readable by its owner only. */
  public Path kafkaAdminProperties() {
    return kafka.adminPropertiesFile().orElseThrow();
  }

  /** Keycloak's URL, or null in single-user mode. */
  public String keycloakUrl() {
    return keycloak == null ? null : keycloak.baseUrl();
  }

  /** The token endpoint of the realm, or null in single-user mode. */
  public String tokenEndpoint() {
    return keycloak == null ? null : keycloak.tokenEndpoint(REALM);
  }

  public long controlPlanePid() {
    return controlPlane.pid();
  }

  public Path controlPlaneLog() {
    return controlPlane.logFile();
  }

  public PlatformOptions options() {
    return options;
  }

  /** Waits until the control plane exits (it should not: this returns when it crashed). */
  public int awaitControlPlaneExit() throws InterruptedException {
    return controlPlane.process().waitFor();
  }

  private void checkPorts() {
    for (PlatformOptions.NamedPort port : options.ports()) {
      try {
        Ports.requireFree(port.port(), PlatformException::new);
      } catch (PlatformException e) {
        throw new PlatformException(
            "Port %d, wanted for the %s, is already in use on %s. Stop what listens there (is the platform already running? `./tributary down`) or choose another port with %s."
                .formatted(port.port(), port.service(), Ports.HOST, port.option()),
            e);
      }
    }
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new PlatformException("Stopping the platform failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * The numbered start-up steps: "[n/N] starting NAME (NOTE) ...", "still starting NAME (N s)"
   * every ten seconds, then "[n/N] NAME ready WHERE (N s)"; a failure becomes a {@link
   * PlatformException} that names the service.
   */
  private static final class Steps {
    private final PrintStream out;
    private final int count;
    private int done;

    Steps(PrintStream out, int count) {
      this.out = out;
      this.count = count;
    }

    <T> T start(String name, String note, Supplier<T> start, Function<T, String> where) {
      int step = ++done;
      long begin = System.nanoTime();
      out.printf(
          "[%d/%d] starting %s%s ...%n", step, count, name, note == null ? "" : " (" + note + ")");
      try (Ticker ignored = Ticker.start(out, name, begin)) {
        T service;
        try {
          service = start.get();
        } catch (PlatformException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new PlatformException(name + " failed to start: " + e.getMessage(), e);
        }
        out.printf(
            "[%d/%d] %s ready %s (%.1f s)%n",
            step, count, name, where.apply(service), seconds(begin));
        return service;
      }
    }
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new PlatformException("Cannot create the data folder " + dir, e);
    }
  }

  /** Prints "still starting X (N s)" every ten seconds while a service starts. */
  private static final class Ticker implements AutoCloseable {
    private final Thread thread;

    private Ticker(Thread thread) {
      this.thread = thread;
    }

    static Ticker start(PrintStream out, String name, long begin) {
      Thread thread =
          Thread.ofVirtual()
              .name("startup-progress")
              .start(
                  () -> {
                    try {
                      while (true) {
                        Thread.sleep(10_000);
                        out.printf("      still starting %s (%.0f s)%n", name, seconds(begin));
                      }
                    } catch (InterruptedException done) {
                      // the service is up, or failed
                    }
                  });
      return new Ticker(thread);
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }
}
