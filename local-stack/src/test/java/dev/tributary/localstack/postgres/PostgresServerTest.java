package dev.tributary.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping servers; each test starts its own, unlike tests that use {@link
 * PostgresServerExtension}.
 */
class PostgresServerTest {

  @Test
  void closeStopsTheServerProcessAndDeletesItsTemporaryDataDir() {
    PostgresServer postgres = PostgresServer.start();
    long pid = postgres.pid();
    Path dataDir = postgres.dataDir();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isPresent();

    postgres.close();

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(postgres.isRunning()).isFalse();
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void serverRestartedOnItsDataDirKeepsItsTablesAndTakesTheNewPassword(@TempDir Path dataDir)
      throws SQLException {
    try (PostgresServer postgres =
            PostgresServer.builder().dataDir(dataDir).database("orders").start();
        Connection connection = connect(postgres);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE pipeline (name text)");
      statement.execute("INSERT INTO pipeline VALUES ('enrich-orders')");
    }

    try (PostgresServer restarted =
            PostgresServer.builder()
                .dataDir(dataDir)
                .database("orders")
                .password("rotated")
                .start();
        Connection connection = connect(restarted);
        ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM pipeline")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("enrich-orders");
    }
    assertThat(dataDir.resolve("postgres.log")).exists();
    assertThat(dataDir.resolve("pgdata/PG_VERSION")).hasContent("17");
  }

  @Test
  void everyClusterCommitsDurably() throws SQLException {
    try (PostgresServer postgres = PostgresServer.start();
        Connection connection = connect(postgres)) {
      for (String setting : List.of("synchronous_commit", "fsync", "full_page_writes")) {
        try (ResultSet value = connection.createStatement().executeQuery("SHOW " + setting)) {
          assertThat(value.next()).isTrue();
          assertThat(value.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  @Test
  void everyAcknowledgedCommitSurvivesAKilledServer(@TempDir Path dataDir) throws SQLException {
    int commits = 200;
    PostgresServer crashed = PostgresServer.builder().dataDir(dataDir).start();
    int port = crashed.port();
    long postmaster = crashed.pid();
    try (Connection connection = connect(crashed)) {
      connection.createStatement().execute("CREATE TABLE revision (number integer)");
      PreparedStatement insert = connection.prepareStatement("INSERT INTO revision VALUES (?)");
      for (int i = 1; i <= commits; i++) {
        insert.setInt(1, i);
        insert.executeUpdate();
      }
    }

    crashed.kill();

    assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).isEmpty();
    try (PostgresServer restarted = PostgresServer.builder().dataDir(dataDir).port(port).start();
        Connection connection = connect(restarted);
        ResultSet count =
            connection.createStatement().executeQuery("SELECT count(*) FROM revision")) {
      assertThat(count.next()).isTrue();
      assertThat(count.getInt(1)).isEqualTo(commits);
    }
    assertThat(dataDir.resolve("postgres.log"))
        .content()
        .contains("database system was interrupted");
  }

  @Test
  void portInUseIsReportedBeforeTheServerStarts() throws Exception {
    try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> PostgresServer.builder().port(occupied.getLocalPort()).start())
          .isInstanceOf(PostgresServerException.class)
          .hasMessageContaining(
              "Port " + occupied.getLocalPort() + " on 127.0.0.1 is already in use");
    }
  }

  @Test
  void invalidServerSettingIsReportedWithTheTailOfTheLog(@TempDir Path dataDir) {
    PostgresServer.Builder broken =
        PostgresServer.builder().dataDir(dataDir).setting("shared_buffers", "lots");

    assertThatThrownBy(broken::start)
        .isInstanceOf(PostgresServerException.class)
        .hasMessageContaining("PostgreSQL did not start")
        .hasMessageContaining("Last lines of " + dataDir.resolve("postgres.log"))
        .hasMessageContaining("shared_buffers");
  }

  @Test
  void namesThatWouldNeedQuotingAreRejected() {
    assertThatThrownBy(() -> PostgresServer.builder().database("orders\"; DROP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a plain PostgreSQL database name");
  }

  private static Connection connect(PostgresServer postgres) throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }
}
