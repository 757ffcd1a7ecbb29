package dev.tributary.controlplane.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The API as a whole, for the OpenAPI document. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Tributary control plane API",
            version = "v1",
            description =
                "Multi-tenant pipeline catalog of Tributary: teams, pipelines, revisions, status"
                    + " and audit. Every error is RFC 9457 application/problem+json with a stable"
                    + " `type`. Writes to an existing pipeline need `If-Match` with its ETag (the"
                    + " revision number); a stale one is refused with 412.",
            license =
                @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
    security = @SecurityRequirement(name = TributaryApi.BEARER),
    tags = {
      @Tag(name = "Me", description = "The caller: user, platform roles, teams."),
      @Tag(name = "Teams", description = "Tenants, their quotas and usage."),
      @Tag(
          name = "Pipelines",
          description = "A team's pipelines: catalog, validation, explain, lifecycle."),
      @Tag(name = "Revisions", description = "Immutable history of a pipeline, and rollback."),
      @Tag(name = "Status", description = "What runs, as the deploy target reports it."),
      @Tag(
          name = "Audit",
          description = "Every write: who, what, when, revisions before and after.")
    })
@SecurityScheme(
    securitySchemeName = TributaryApi.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description =
        "An access token of the Tributary Keycloak realm (client tributary-console), audience"
            + " tributary-api. Team roles come from groups /teams/<team>/<role>.")
public class TributaryApi extends Application {

  public static final String BEARER = "bearer";
  public static final String BASE = "/api/v1";
}
