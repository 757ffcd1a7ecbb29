package dev.tributary.controlplane.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real PostgreSQL for the tests: the one named by {@code TRIBUTARY_TEST_PG_URL} (with {@code
 * TRIBUTARY_TEST_PG_USER} and {@code TRIBUTARY_TEST_PG_PASSWORD}) when set, otherwise a server
 * started from the zonky binaries jar, once per test JVM. Flyway creates the schema at start-up.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedPostgres postgres;

  @Override
  public Map<String, String> start() {
    String url = System.getenv("TRIBUTARY_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      return Map.of(
          "quarkus.datasource.jdbc.url", url,
          "quarkus.datasource.username",
              System.getenv().getOrDefault("TRIBUTARY_TEST_PG_USER", "tributary"),
          "quarkus.datasource.password",
              System.getenv().getOrDefault("TRIBUTARY_TEST_PG_PASSWORD", "tributary"));
    }
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "postgres");
  }

  @Override
  public void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
