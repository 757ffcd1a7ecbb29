package dev.tributary.controlplane.team;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The realm file's demo teams ({@code payments}, {@code logistics}) in the catalog, when {@code
 * tributary.demo-teams=true}: the local platform ({@code ./tributary up}) turns it on so that the
 * demo users find their teams. It runs {@code db/demo/R__demo_teams.sql}, the script that dev mode
 * and the tests apply through Flyway, which leaves existing teams alone. A runtime setting, because
 * Flyway's locations are fixed when the application is built.
 */
@ApplicationScoped
public class DemoTeams {

  private static final Logger LOG = Logger.getLogger(DemoTeams.class);
  static final String SCRIPT = "db/demo/R__demo_teams.sql";

  @ConfigProperty(name = "tributary.demo-teams", defaultValue = "false")
  boolean enabled;

  @Inject DataSource dataSource;

  /** Before the deploy target adopts the catalog's pipelines. */
  void onStart(@Observes @Priority(1) StartupEvent event) {
    if (!enabled) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      int created = statement.executeUpdate(script());
      LOG.infof(
          "demo teams: %d created (payments, logistics; see the realm file's groups)", created);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the demo teams: " + e.getMessage(), e);
    }
  }

  private static String script() {
    try (InputStream in = DemoTeams.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
