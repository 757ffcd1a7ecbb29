package dev.tributary.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresServerExtension.class)
class PostgresServerExtensionTest {

  @Test
  void rowsInsertedByTheUserAreReadBackOverJdbc(PostgresServer postgres) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(), postgres.username(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE team (name text PRIMARY KEY, members int NOT NULL)");
      statement.execute("INSERT INTO team VALUES ('payments', 4), ('search', 7)");

      List<String> teams = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery("SELECT name, members FROM team ORDER BY name")) {
        while (rows.next()) {
          teams.add(rows.getString("name") + "=" + rows.getInt("members"));
        }
      }

      assertThat(teams).containsExactly("payments=4", "search=7");
      assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("17.");
    }
  }

  @Test
  void wrongPasswordIsRejectedAsByARealServer(PostgresServer postgres) {
    assertThatThrownBy(
            () -> DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "wrong"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed for user \"tributary\"");
  }

  @Test
  void serverListensOnTheLoopbackAddressWithTheDefaultDatabase(PostgresServer postgres) {
    assertThat(postgres.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/tributary");
    assertThat(postgres.isRunning()).isTrue();
  }
}
