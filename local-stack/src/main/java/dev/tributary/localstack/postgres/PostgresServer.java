package dev.tributary.localstack.postgres;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.tributary.localstack.process.Deadline;
import dev.tributary.localstack.process.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A PostgreSQL 17 server from the zonky binaries jar, listening on 127.0.0.1, with a database and a
 * user (password checked) that it creates when they are missing.
 *
 * <p>zonky unpacks the binaries, runs initdb on a new data directory and starts the server with
 * pg_ctl. As root, which initdb and postgres refuse to run as, zonky runs them in a new user
 * namespace ({@code unshare -U}), where they are the unprivileged user {@code nobody} (see the
 * README). {@link #close()} stops the server, and so does a JVM shutdown hook: it does not outlive
 * the JVM that started it unless that JVM is killed with SIGKILL.
 */
public final class PostgresServer implements AutoCloseable {

  static final String SUPERUSER = "postgres";

  private static final int LOG_TAIL_LINES = 40;
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final String PG_CTL_GAVE_UP = "pg_ctl: could not start server";
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final EmbeddedPostgres postgres;
  private final PostgresDirectory directory;
  private final boolean temporaryDirectory;
  private final ProcessHandle postmaster;
  private final String database;
  private final String username;
  private final String password;
  private final Thread shutdownHook;
  private boolean stopped;

  private PostgresServer(
      EmbeddedPostgres postgres,
      PostgresDirectory directory,
      boolean temporaryDirectory,
      ProcessHandle postmaster,
      Builder builder) {
    this.postgres = postgres;
    this.directory = directory;
    this.temporaryDirectory = temporaryDirectory;
    this.postmaster = postmaster;
    this.database = builder.database;
    this.username = builder.username;
    this.password = builder.password;
    this.shutdownHook = new Thread(this::stop, "postgres-" + postmaster.pid() + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server on a free port with a temporary data directory and the database and user {@code
   * tributary} (password {@code tributary}), and waits until it accepts connections.
   */
  public static PostgresServer start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The database's URL, e.g. {@code jdbc:postgresql://127.0.0.1:41234/tributary}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://%s:%d/%s".formatted(Ports.HOST, port(), database);
  }

  public String database() {
    return database;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public int port() {
    return postgres.getPort();
  }

  /** Holds {@code postgres.log} and the cluster, {@code pgdata/}. */
  public Path dataDir() {
    return directory.root();
  }

  /** What initdb, pg_ctl and the server printed. */
  public Path logFile() {
    return directory.logFile();
  }

  /** The postmaster's process id. It is not a child of this JVM: pg_ctl starts it detached. */
  public long pid() {
    return postmaster.pid();
  }

  public boolean isRunning() {
    return postmaster.isAlive();
  }

  /** Blocks until the server stops. */
  public void awaitExit() throws InterruptedException {
    try {
      postmaster.onExit().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot wait for PostgreSQL to stop", e);
    }
  }

  /**
   * Stops the server with a fast shutdown (open connections are closed, transactions rolled back)
   * and waits until its process has exited. Deletes the data directory if it is a temporary one.
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

  /**
   * Kills the server as a crash would: SIGKILL to the postmaster and to every process it started,
   * with no shutdown and no checkpoint, and returns once they are gone. A kept data directory stays
   * as the crash left it, and a server started on it again recovers from the write-ahead log; a
   * temporary one is deleted. For tests of what survives a crash.
   */
  public synchronized void kill() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // Nothing to undo: stop() sees that the server was killed.
    }
    List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
    processes.add(postmaster);
    processes.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(STOP_GRACE.toMillis(), MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new PostgresServerException(
            "PostgreSQL's process " + process.pid() + " did not exit after SIGKILL", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PostgresServerException("Interrupted while killing PostgreSQL", e);
      }
    }
    try {
      // Releases zonky's lock on the data directory; its pg_ctl finds no server to stop.
      postgres.close();
    } catch (IOException | RuntimeException noServerToStop) {
      // Expected: the server is gone.
    }
    if (temporaryDirectory) {
      directory.delete();
    }
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      postgres.close();
    } catch (IOException | RuntimeException pgCtlFailed) {
      // pg_ctl gave up (it waits five seconds); the signal below still stops the server.
    }
    stopProcess(postmaster);
    if (temporaryDirectory) {
      directory.delete();
    }
  }

  /** SIGTERM (a smart shutdown if pg_ctl did not get through), then SIGKILL after a grace time. */
  private static void stopProcess(ProcessHandle process) {
    process.destroy();
    try {
      process.onExit().get(STOP_GRACE.toMillis(), MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void createDatabaseAndUser() {
    String superuserUrl =
        "jdbc:postgresql://%s:%d/postgres?user=%s".formatted(Ports.HOST, port(), SUPERUSER);
    try (Connection connection = DriverManager.getConnection(superuserUrl);
        Statement statement = connection.createStatement()) {
      // Names are checked against NAME by the builder, so quoting them is enough. The password is a
      // string literal: doubling single quotes escapes it (standard_conforming_strings is on).
      String passwordLiteral = "'" + password.replace("'", "''") + "'";
      if (exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", username)) {
        statement.execute(
            "ALTER ROLE \"%s\" WITH LOGIN PASSWORD %s".formatted(username, passwordLiteral));
      } else {
        statement.execute(
            "CREATE ROLE \"%s\" WITH LOGIN PASSWORD %s".formatted(username, passwordLiteral));
      }
      if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
        statement.execute("CREATE DATABASE \"%s\" OWNER \"%s\"".formatted(database, username));
      }
    } catch (SQLException e) {
      throw failure(
          directory,
          "Cannot create the database %s and the user %s: %s"
              .formatted(database, username, e.getMessage()),
          e);
    }
  }

  private static boolean exists(Connection connection, String query, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, name);
      return statement.executeQuery().next();
    }
  }

  private static PostgresServerException failure(
      PostgresDirectory directory, String reason, Throwable cause) {
    String log = directory.logTail(LOG_TAIL_LINES);
    // initdb says "cannot be run as root", postgres "\"root\" execution ... is not permitted".
    String rootHint =
        log.contains("cannot be run as root") || log.contains("\"root\" execution")
            ? ("\nPostgreSQL refuses to run as root. zonky then runs it in a user namespace"
                + " (unshare -U), which needs user namespaces enabled: `unshare -U id -u` must"
                + " print a non-zero id.")
            : "";
    return new PostgresServerException(
        "%s. Last lines of %s:\n%s%s".formatted(reason, directory.logFile(), log, rootHint), cause);
  }

  /** Options for a server; each has a default, so {@code PostgresServer.start()} works. */
  public static final class Builder {

    private int port;
    private Path dataDir;
    private String database = "tributary";
    private String username = "tributary";
    private String password = "tributary";
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /** The port on 127.0.0.1; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Where the server keeps its cluster ({@code pgdata/}) and log, which outlive {@link
     * PostgresServer#close()}; a cluster initialised by an earlier start is reused. By default a
     * temporary directory, deleted on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** The database to create if missing, owned by the user; {@code tributary} by default. */
    public Builder database(String database) {
      this.database = requireName(database, "database");
      return this;
    }

    /**
     * The user to create if missing, and whose password is set on every start; {@code tributary} by
     * default.
     */
    public Builder username(String username) {
      this.username = requireName(username, "user");
      return this;
    }

    /** The user's password; {@code tributary} by default. */
    public Builder password(String password) {
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("The PostgreSQL password must not be empty");
      }
      this.password = password;
      return this;
    }

    /** How long initdb, the start and creating the database may take together; 60 s by default. */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    /**
     * Sets a server parameter for this run, e.g. {@code max_connections} or {@code log_statement}.
     */
    public Builder setting(String name, String value) {
      settings.put(name, value);
      return this;
    }

    /** Starts the server and waits until the database accepts the user's connections. */
    public PostgresServer start() {
      Deadline deadline = Deadline.in(startupTimeout);
      int serverPort =
          port == 0 ? Ports.free() : Ports.requireFree(port, PostgresServerException::new);
      boolean temporary = dataDir == null;
      PostgresDirectory directory =
          new PostgresDirectory(temporary ? createTempDirectory() : dataDir);
      directory.create();
      rejectRunningPostmaster(directory);
      EmbeddedPostgres postgres;
      try {
        postgres = start(embeddedPostgres(directory, serverPort, deadline), directory);
      } catch (IOException | RuntimeException e) {
        directory.runningPostmaster().ifPresent(PostgresServer::stopProcess);
        PostgresServerException failure =
            failure(directory, "PostgreSQL did not start: " + e.getMessage(), e);
        if (temporary) {
          directory.delete();
        }
        throw failure;
      }
      ProcessHandle postmaster =
          directory
              .runningPostmaster()
              .orElseThrow(
                  () ->
                      failure(
                          directory,
                          "PostgreSQL started but no server runs on " + directory.clusterDir(),
                          null));
      PostgresServer server = new PostgresServer(postgres, directory, temporary, postmaster, this);
      try {
        server.createDatabaseAndUser();
        return server;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }

    /**
     * Runs zonky's start, which waits for the server for the whole startup timeout even when pg_ctl
     * has already given up, and stops it as soon as pg_ctl reports that the server did not start (a
     * bad setting, a damaged cluster).
     */
    private static EmbeddedPostgres start(
        EmbeddedPostgres.Builder builder, PostgresDirectory directory) throws IOException {
      long logOffset = directory.logSize();
      FutureTask<EmbeddedPostgres> start = new FutureTask<>(builder::start);
      Thread starter = Thread.ofPlatform().name("postgres-start").daemon().start(start);
      try {
        while (true) {
          try {
            return start.get(POLL_INTERVAL.toMillis(), MILLISECONDS);
          } catch (TimeoutException stillStarting) {
            if (directory.loggedSince(logOffset, PG_CTL_GAVE_UP)) {
              starter.interrupt();
              throw new IOException("pg_ctl reports that the server did not start");
            }
          }
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException(e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        starter.interrupt();
        Thread.currentThread().interrupt();
        throw new PostgresServerException("Interrupted while starting PostgreSQL", e);
      }
    }

    private EmbeddedPostgres.Builder embeddedPostgres(
        PostgresDirectory directory, int serverPort, Deadline deadline) {
      Redirect log = Redirect.appendTo(directory.logFile().toFile());
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory.clusterDir())
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(serverPort)
              .setPGStartupWait(deadline.remaining())
              .setOutputRedirector(log)
              .setErrorRedirector(log)
              .setDataDirectoryCustomizer(cluster -> directory.writeClientAuthentication());
      // A commit the server acknowledged is on disk, in kept and temporary clusters alike:
      // PostgreSQL's durable defaults, set explicitly because zonky's builder turns
      // synchronous_commit off, which loses the last acknowledged commits when the server crashes
      // (they wait in memory for the WAL writer). fsync makes the WAL reach the disk, and
      // full_page_writes keeps a page torn by a crash recoverable. A temporary cluster is deleted
      // on close, but while it runs a crashed backend makes the postmaster recover from the WAL all
      // the same, and benchmarks should measure commits as they are in production. zonky's other
      // defaults (timezone UTC, max_connections 300) are kept.
      builder.setServerConfig("synchronous_commit", "on");
      builder.setServerConfig("fsync", "on");
      builder.setServerConfig("full_page_writes", "on");
      settings.forEach(builder::setServerConfig);
      return builder;
    }

    /**
     * A server left running on this data directory (its launcher's JVM was killed) holds the
     * cluster's lock file; say so plainly instead of letting pg_ctl fail.
     */
    private static void rejectRunningPostmaster(PostgresDirectory directory) {
      directory
          .runningPostmaster()
          .ifPresent(
              running -> {
                throw new PostgresServerException(
                    ("PostgreSQL is already running on %s (pid %d), maybe left behind by a"
                            + " launcher that was killed; stop it (kill %d) or use another data"
                            + " directory")
                        .formatted(directory.clusterDir(), running.pid(), running.pid()));
              });
    }

    private static String requireName(String name, String what) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Not a plain PostgreSQL %s name (lower-case letters, digits, _): %s"
                .formatted(what, name));
      }
      return name;
    }

    private static Path createTempDirectory() {
      try {
        return Files.createTempDirectory("tributary-postgres-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot create a temporary data directory for PostgreSQL", e);
      }
    }
  }
}
