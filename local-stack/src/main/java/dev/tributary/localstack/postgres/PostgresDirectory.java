package dev.tributary.localstack.postgres;

import dev.tributary.localstack.process.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files of one PostgreSQL server inside its data directory. */
record PostgresDirectory(Path root) {

  // The launcher connects as the superuser without a password to create the database and user;
  // everyone else proves the password, as against a real server.
  private static final String CLIENT_AUTHENTICATION =
      """
      # Written by Tributary's local stack on every start.
      # TYPE  DATABASE  USER      ADDRESS       METHOD
      local   all       all                     trust
      host    all       postgres  127.0.0.1/32  trust
      host    all       postgres  ::1/128       trust
      host    all       all       127.0.0.1/32  scram-sha-256
      host    all       all       ::1/128       scram-sha-256
      """;

  /** The cluster itself ({@code PGDATA}), written by initdb. */
  Path clusterDir() {
    return root.resolve("pgdata");
  }

  /** Everything initdb, pg_ctl and the server print. */
  Path logFile() {
    return root.resolve("postgres.log");
  }

  void create() {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the PostgreSQL data directory " + root, e);
    }
  }

  void writeClientAuthentication() {
    try {
      Files.writeString(clusterDir().resolve("pg_hba.conf"), CLIENT_AUTHENTICATION);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write pg_hba.conf into " + clusterDir(), e);
    }
  }

  /**
   * The server running on this cluster, named by the first line of the lock file that it keeps
   * while it runs; empty if none is (a lock file left by a crash may name a reused process id).
   */
  Optional<ProcessHandle> runningPostmaster() {
    try {
      List<String> lines = Files.readAllLines(clusterDir().resolve("postmaster.pid"));
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
              .filter(ProcessHandle::isAlive)
              .filter(
                  process ->
                      process.info().command().map(c -> c.endsWith("/postgres")).orElse(true));
    } catch (IOException | NumberFormatException notRunning) {
      return Optional.empty();
    }
  }

  /**
   * The log's length, to tell what a start appends to a kept log from what earlier starts wrote.
   */
  long logSize() {
    try {
      return Files.exists(logFile()) ? Files.size(logFile()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + logFile(), e);
    }
  }

  /** Whether the log has {@code text} after its first {@code offset} bytes. */
  boolean loggedSince(long offset, String text) {
    try (SeekableByteChannel log = Files.newByteChannel(logFile())) {
      log.position(offset);
      return new String(Channels.newInputStream(log).readAllBytes(), StandardCharsets.UTF_8)
          .contains(text);
    } catch (IOException notWrittenYet) {
      return false;
    }
  }

  String logTail(int lines) {
    return LogFiles.tail(logFile(), lines);
  }

  void delete() {
    LogFiles.deleteTree(root);
  }
}
