package dev.tributary.controlplane.audit;

import dev.tributary.controlplane.api.Cursor;
import dev.tributary.controlplane.api.TributaryApi;
import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.security.TeamAccess;
import dev.tributary.controlplane.team.Team;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole audit log, for platform admins. */
@Path(TributaryApi.BASE + "/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class PlatformAuditResource {

  @Inject TeamAccess access;
  @Inject AuditLog log;

  @GET
  @Transactional
  @Operation(operationId = "listAudit", summary = "The whole audit log (platform-admin)")
  @APIResponse(responseCode = "200", description = "One page of events, newest first.")
  public AuditPage all(
      @Parameter(description = "Only this team's events.") @QueryParam("team") String team,
      @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to " + Cursor.MAX_LIMIT + ".") @QueryParam("limit")
          Integer limit) {
    if (!access.caller().isPlatformAdmin()) {
      throw Problems.forbidden("the whole audit log is for platform-admin");
    }
    if (team != null && !Team.isSlug(team)) {
      throw Problems.invalidRequest(
          "invalid query parameter 'team'",
          List.of(
              new FieldError(
                  "team",
                  "invalid-parameter",
                  "must be a team's slug (a DNS label of at most 30)")));
    }
    return AuditResource.page(log, team, cursor, limit);
  }
}
