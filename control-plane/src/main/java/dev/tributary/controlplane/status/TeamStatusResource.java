package dev.tributary.controlplane.status;

import dev.tributary.controlplane.api.TributaryApi;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A team's status and each of its pipelines' status, for the team's members. */
@Path(TributaryApi.BASE + "/teams/{team}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status")
public class TeamStatusResource {

  @Inject StatusService statuses;

  @GET
  @Path("/pipelines/{name}/status")
  @Operation(
      operationId = "getPipelineStatus",
      summary = "Phase, conditions, replicas, lag, throughput and state stores")
  @APIResponse(
      responseCode = "200",
      description =
          "The status as the deploy target reports it; metrics it does not measure are absent.")
  public PipelineStatusView status(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(description = StatusWindow.DESCRIPTION, example = "15m") @QueryParam("window")
          String window) {
    return statuses.pipelineStatus(team, name, StatusWindow.since(window, Instant.now()));
  }

  @GET
  @Path("/status")
  @Operation(
      operationId = "getTeamStatus",
      summary =
          "Totals of a team's pipelines (lag, throughput history, replicas) and each in short")
  @APIResponse(responseCode = "200", description = "Totals, counts per phase, each pipeline.")
  public TeamStatusView teamStatus(
      @PathParam("team") String team,
      @Parameter(description = StatusWindow.DESCRIPTION, example = "15m") @QueryParam("window")
          String window) {
    return statuses.teamStatus(team, StatusWindow.since(window, Instant.now()));
  }
}
