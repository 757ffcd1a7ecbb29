package dev.tributary.controlplane.audit;

import dev.tributary.controlplane.api.Cursor;
import dev.tributary.controlplane.api.TributaryApi;
import dev.tributary.controlplane.security.Permission;
import dev.tributary.controlplane.security.TeamAccess;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A team's audit log, for its team admins and platform admins. */
@Path(TributaryApi.BASE + "/teams/{team}/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

  @Inject TeamAccess access;
  @Inject AuditLog log;

  @GET
  @Transactional
  @Operation(
      operationId = "listTeamAudit",
      summary = "A team's audit log (team-admin, platform-admin)")
  @APIResponse(responseCode = "200", description = "One page of events, newest first.")
  public AuditPage team(
      @PathParam("team") String team,
      @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to " + Cursor.MAX_LIMIT + ".") @QueryParam("limit")
          Integer limit) {
    access.require(team, Permission.READ_AUDIT);
    return page(log, team, cursor, limit);
  }

  static AuditPage page(AuditLog log, String team, String cursor, Integer limit) {
    int pageSize = Cursor.limit(limit);
    Long before = cursor == null || cursor.isEmpty() ? null : Cursor.decodeNumber(cursor);
    List<AuditEvent> rows = log.page(team, before, pageSize + 1);
    boolean more = rows.size() > pageSize;
    List<AuditEvent> page = more ? rows.subList(0, pageSize) : rows;
    return new AuditPage(
        page.stream().map(AuditEventView::of).toList(),
        more ? Cursor.encode(Long.toString(page.get(page.size() - 1).id)) : null);
  }
}
