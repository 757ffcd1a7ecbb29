package dev.tributary.localstack.kafka;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.tributary.localstack.process.Deadline;
import dev.tributary.localstack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * A single-node Apache Kafka 4.4 broker (KRaft, combined broker and controller) running in its own
 * JVM process, with PLAINTEXT listeners on 127.0.0.1.
 *
 * <p>The broker runs on the classpath that local-stack's build resolved (see its README), never on
 * the caller's, where the application's 4.1 clients live. {@link #close()} stops it, and so does a
 * JVM shutdown hook: the broker does not outlive the JVM that started it unless that JVM is killed
 * with SIGKILL.
 */
public final class KafkaBroker implements AutoCloseable {

  static final String HOST = Ports.HOST;

  private static final int LOG_TAIL_LINES = 40;
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /** Refusals of the admin credential in a row after which it is taken as missing. */
  private static final int AUTHENTICATION_ATTEMPTS = 3;

  private final Process process;
  private final BrokerDirectory directory;
  private final boolean temporaryDirectory;
  private final int port;
  private final AdminCredential admin;
  private final Thread shutdownHook;
  private boolean stopped;

  private KafkaBroker(
      Process process,
      BrokerDirectory directory,
      boolean temporaryDirectory,
      int port,
      AdminCredential admin) {
    this.process = process;
    this.directory = directory;
    this.temporaryDirectory = temporaryDirectory;
    this.port = port;
    this.admin = admin;
    this.shutdownHook = new Thread(this::stop, "kafka-broker-" + process.pid() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a broker on free ports with a temporary data directory, and waits until it serves
   * requests.
   */
  public static KafkaBroker start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:41234}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Whether clients must authenticate (SASL/SCRAM-SHA-512) and requests are authorized by ACLs. */
  public boolean isSecured() {
    return admin != null;
  }

  /**
   * The settings of a client with the broker's admin identity: {@code bootstrap.servers} and, on a
   * secured broker, the SASL settings of the super user.
   */
  public Map<String, Object> adminClientProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    if (admin != null) {
      properties.putAll(admin.clientProperties());
    }
    return properties;
  }

  /**
   * The admin identity's client properties file (owner-only), which {@code kafka-*.sh
   * --command-config} and the platform's services read; empty on a broker without security.
   */
  public java.util.Optional<Path> adminPropertiesFile() {
    return admin == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(directory.adminProperties());
  }

  public Path dataDir() {
    return directory.root();
  }

  /**
   * The broker's log, which also holds the storage tool's output when it formatted the data
   * directory.
   */
  public Path logFile() {
    return directory.logFile();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Blocks until the broker process exits, and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * Stops the broker: SIGTERM, so that it shuts down cleanly, then SIGKILL if it is still running
   * 30 seconds later. Deletes the data directory if it is a temporary one.
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
    KafkaJvm.stop(process, STOP_GRACE);
    if (temporaryDirectory) {
      directory.delete();
    }
  }

  /** Returns this broker once it serves requests; stops it when it does not. */
  private KafkaBroker ready(Deadline deadline) {
    try {
      awaitReady(deadline);
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void awaitReady(Deadline deadline) {
    try {
      // Kafka binds the port before it serves requests. Waiting for the port first spares the log
      // a warning from the Admin client for every refused connection.
      while (!acceptsConnections()) {
        pause(deadline);
      }
      Map<String, Object> settings = adminClientProperties();
      settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-local-stack-readiness");
      int refused = 0;
      try (Admin client = Admin.create(settings)) {
        while (true) {
          try {
            client.describeCluster(new DescribeClusterOptions().timeoutMs(1000)).nodes().get();
            return;
          } catch (ExecutionException notReadyYet) {
            if (notReadyYet.getCause() instanceof SaslAuthenticationException
                && ++refused >= AUTHENTICATION_ATTEMPTS) {
              throw new AdminRefused(
                  failure(directory, "The Kafka broker refuses the admin credential"));
            }
            pause(deadline);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaBrokerException("Interrupted while waiting for the Kafka broker to start", e);
    }
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), (int) POLL_INTERVAL.toMillis());
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private void pause(Deadline deadline) throws InterruptedException {
    if (process.waitFor(POLL_INTERVAL.toMillis(), MILLISECONDS)) {
      throw failure(
          directory,
          "The Kafka broker exited with code " + process.exitValue() + " while starting");
    }
    if (deadline.hasPassed()) {
      throw failure(
          directory, "The Kafka broker did not become ready within " + deadline.timeout());
    }
  }

  /** The broker runs but does not accept the admin identity of its data directory. */
  private static final class AdminRefused extends RuntimeException {
    AdminRefused(KafkaBrokerException cause) {
      super(cause.getMessage(), cause);
    }

    KafkaBrokerException failure() {
      return (KafkaBrokerException) getCause();
    }
  }

  private static KafkaBrokerException failure(BrokerDirectory directory, String reason) {
    return new KafkaBrokerException(
        "%s. Last lines of %s:\n%s"
            .formatted(reason, directory.logFile(), directory.logTail(LOG_TAIL_LINES)));
  }

  /** Options for a broker; each has a default, so {@code KafkaBroker.builder().start()} works. */
  public static final class Builder {

    private int port;
    private int controllerPort;
    private Path dataDir;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private boolean secured;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder() {}

    /** The client (PLAINTEXT) listener's port; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The KRaft controller listener's port; 0, the default, picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /**
     * Where the broker keeps its configuration, log and data, which outlive {@link
     * KafkaBroker#close()}; data formatted by an earlier start is reused. By default a temporary
     * directory, deleted on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /**
     * How long formatting the storage and starting the broker may take together; 60 seconds by
     * default.
     */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /**
     * Makes every client authenticate with SASL/SCRAM-SHA-512 and authorizes every request with
     * KRaft's StandardAuthorizer ({@code allow.everyone.if.no.acl.found=false}). The broker's admin
     * identity, the only super user, is generated on the first start and kept in the data directory
     * ({@link KafkaBroker#adminPropertiesFile()}). A data directory formatted without security gets
     * the admin credential added on its first secured start.
     */
    public Builder secured() {
      this.secured = true;
      return this;
    }

    /** Adds or overrides a broker setting in server.properties, e.g. {@code num.partitions}. */
    public Builder property(String name, String value) {
      properties.put(name, value);
      return this;
    }

    /** Starts the broker and waits until it answers an Admin client's describeCluster request. */
    public KafkaBroker start() {
      KafkaJvm jvm = KafkaJvm.locate();
      Deadline deadline = Deadline.in(startupTimeout);
      int brokerPort =
          port == 0
              ? Ports.free(controllerPort)
              : Ports.requireFree(port, KafkaBrokerException::new);
      int quorumPort =
          controllerPort == 0
              ? Ports.free(brokerPort)
              : Ports.requireFree(controllerPort, KafkaBrokerException::new);
      boolean temporary = dataDir == null;
      BrokerDirectory directory = new BrokerDirectory(temporary ? createTempDirectory() : dataDir);
      Process process;
      AdminCredential admin = null;
      try {
        if (secured) {
          boolean existing = Files.isRegularFile(directory.adminProperties());
          admin = AdminCredential.readOrCreate(directory.adminProperties());
          if (directory.isFormatted() && !existing) {
            addAdminCredential(jvm, directory, brokerPort, quorumPort, admin, deadline);
          }
        }
        writeConfig(directory, brokerPort, quorumPort, admin);
        if (!directory.isFormatted()) {
          format(jvm, directory, admin, deadline);
        }
        process = launch(jvm, directory);
      } catch (RuntimeException e) {
        if (temporary) {
          directory.delete();
        }
        throw e;
      }
      try {
        return new KafkaBroker(process, directory, temporary, brokerPort, admin).ready(deadline);
      } catch (AdminRefused refused) {
        if (temporary) {
          throw refused.failure();
        }
        // A data directory whose metadata lost the credential (see ServerProperties): it is
        // written again as for a cluster formatted without one, then the broker starts secured.
        addAdminCredential(jvm, directory, brokerPort, quorumPort, admin, deadline);
        writeConfig(directory, brokerPort, quorumPort, admin);
        try {
          return new KafkaBroker(launch(jvm, directory), directory, false, brokerPort, admin)
              .ready(deadline);
        } catch (AdminRefused stillRefused) {
          throw stillRefused.failure();
        }
      }
    }

    private void writeConfig(
        BrokerDirectory directory, int brokerPort, int quorumPort, AdminCredential admin) {
      directory.writeConfig(
          ServerProperties.singleNode(
              brokerPort, quorumPort, directory.logDirs(), admin, properties));
    }

    private static Process launch(KafkaJvm jvm, BrokerDirectory directory) {
      return jvm.start(
          directory,
          KafkaJvm.BROKER_OPTIONS,
          "kafka.Kafka",
          directory.serverProperties().toString());
    }

    private static Set<Path> metadataSnapshots(BrokerDirectory directory) {
      try (Stream<Path> files = Files.list(directory.logDirs().resolve("__cluster_metadata-0"))) {
        return files
            .filter(f -> f.getFileName().toString().endsWith(".checkpoint"))
            .collect(Collectors.toSet());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the metadata log of " + directory.root(), e);
      }
    }

    /**
     * Adds the admin's SCRAM credential to a cluster formatted without one, or whose metadata lost
     * it: the broker starts once without security (on 127.0.0.1 only), the credential is written
     * through the Admin API, and the broker stops once a metadata snapshot holds it.
     */
    private void addAdminCredential(
        KafkaJvm jvm,
        BrokerDirectory directory,
        int brokerPort,
        int quorumPort,
        AdminCredential admin,
        Deadline deadline) {
      writeConfig(directory, brokerPort, quorumPort, null);
      KafkaBroker open =
          new KafkaBroker(launch(jvm, directory), directory, false, brokerPort, null);
      try {
        open.awaitReady(deadline);
        Set<Path> snapshotsBefore = metadataSnapshots(directory);
        try (Admin client = Admin.create(open.adminClientProperties())) {
          client
              .alterUserScramCredentials(
                  java.util.List.of(
                      new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                          admin.username(),
                          new org.apache.kafka.clients.admin.ScramCredentialInfo(
                              org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192),
                          admin.password())))
              .all()
              .get(deadline.remainingMillis(), MILLISECONDS);
        }
        // Until a metadata snapshot holds the credential, the next start would rebuild the image
        // from the log and could lose it again (see ServerProperties).
        while (snapshotsBefore.containsAll(metadataSnapshots(directory))) {
          open.pause(deadline);
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        throw failure(
            directory, "Adding the admin credential to the existing cluster failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaBrokerException("Interrupted while adding the admin credential", e);
      } finally {
        open.close();
      }
    }

    private static void format(
        KafkaJvm jvm, BrokerDirectory directory, AdminCredential admin, Deadline deadline) {
      java.util.List<String> arguments =
          new java.util.ArrayList<>(
              java.util.List.of(
                  "format",
                  "--standalone",
                  "--cluster-id",
                  Uuid.randomUuid().toString(),
                  "--config",
                  directory.serverProperties().toString()));
      if (admin != null) {
        arguments.add("--add-scram");
        arguments.add(admin.formatArgument());
      }
      Process format =
          jvm.start(
              directory,
              KafkaJvm.TOOL_OPTIONS,
              "kafka.tools.StorageTool",
              arguments.toArray(String[]::new));
      try {
        if (!format.waitFor(deadline.remainingMillis(), MILLISECONDS)) {
          format.destroyForcibly();
          throw failure(
              directory,
              "Formatting the Kafka storage did not finish within " + deadline.timeout());
        }
      } catch (InterruptedException e) {
        format.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new KafkaBrokerException("Interrupted while formatting the Kafka storage", e);
      }
      if (format.exitValue() != 0) {
        throw failure(
            directory, "Formatting the Kafka storage failed with exit code " + format.exitValue());
      }
    }

    private static Path createTempDirectory() {
      try {
        return Files.createTempDirectory("tributary-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot create a temporary data directory for the Kafka broker", e);
      }
    }
  }
}
