package dev.tributary.controlplane.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real services every {@code @QuarkusTest} of this module runs against, started once per test
 * JVM and in parallel: PostgreSQL and Keycloak. Global scope, so all test classes share one
 * application start.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KeycloakResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
public final class TestServices {

  private TestServices() {}
}
