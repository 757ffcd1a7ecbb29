package dev.tributary.localstack.postgres;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link PostgresServer} (defaults: database, user and password {@code tributary}) among
 * all test classes of a test JVM that use this extension. It starts before the first such class and
 * stops when JUnit finishes (it lives in the root context's store, which closes it).
 *
 * <pre>{@code
 * @ExtendWith(PostgresServerExtension.class)
 * class TeamRepositoryIT {
 *   @Test
 *   void savesTeams(PostgresServer postgres) throws SQLException {
 *     Connection connection =
 *         DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link PostgresServer} parameters are resolved in constructors, lifecycle methods and test
 * methods.
 */
public final class PostgresServerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresServerExtension.class);

  /** The shared server, started on first use. */
  public static PostgresServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(PostgresServer.class, key -> PostgresServer.start(), PostgresServer.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return server(extensionContext);
  }
}
