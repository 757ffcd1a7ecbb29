package dev.tributary.controlplane.testing;

import dev.tributary.localstack.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real PostgreSQL for the tests: the one named by {@code TRIBUTARY_TEST_PG_URL} (with {@code
 * TRIBUTARY_TEST_PG_USER} and {@code TRIBUTARY_TEST_PG_PASSWORD}) when set, otherwise one started
 * by local-stack's {@link PostgresServer}, once per test JVM. Flyway creates the schema at
 * start-up.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private PostgresServer postgres;

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
    postgres = PostgresServer.start();
    return Map.of(
        "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
        "quarkus.datasource.username", postgres.username(),
        "quarkus.datasource.password", postgres.password());
  }

  @Override
  public void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }
}
