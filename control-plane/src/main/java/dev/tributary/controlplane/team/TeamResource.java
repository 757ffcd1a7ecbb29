package dev.tributary.controlplane.team;

import dev.tributary.controlplane.api.TributaryApi;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(TributaryApi.BASE + "/teams")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
public class TeamResource {

  @Inject TeamDirectory teams;

  @GET
  @Operation(operationId = "listTeams", summary = "The teams the caller may see")
  @APIResponse(
      responseCode = "200",
      description = "Platform roles see every team; others their own.")
  public List<TeamView> list() {
    return teams.visible();
  }

  @GET
  @Path("/{team}")
  @Operation(operationId = "getTeam", summary = "A team with its quotas and usage")
  @APIResponse(
      responseCode = "200",
      description = "The team.",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TeamView.class)))
  public Response get(@PathParam("team") String team) {
    TeamView view = teams.view(team);
    return Response.ok(view).tag(etag(team)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(operationId = "createTeam", summary = "Create a team (platform-admin)")
  @APIResponse(
      responseCode = "201",
      description = "Created. Its members are the Keycloak groups <keycloakGroup>/<team role>.",
      headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TeamView.class)))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  public Response create(@NotNull @Valid NewTeam request) {
    TeamView team = teams.create(request);
    return Response.created(
            UriBuilder.fromPath(TributaryApi.BASE + "/teams/{team}").build(team.slug()))
        .entity(team)
        .tag(etag(team.slug()))
        .build();
  }

  @PUT
  @Path("/{team}/quotas")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "updateTeamQuotas",
      summary = "Set a team's quotas (platform-admin)",
      description =
          "Lowering a quota below the usage keeps what exists and refuses what would add to it."
              + " maxTopics and maxTotalPartitions keep their value when left out.")
  @APIResponse(
      responseCode = "200",
      description = "The team with its new quotas.",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TeamView.class)))
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "428", ref = "PreconditionRequired")
  public Response updateQuotas(
      @PathParam("team") String team,
      @Parameter(description = "The team's ETag, from GET.") @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @NotNull @Valid Quotas quotas) {
    TeamView view = teams.updateQuotas(team, quotas, ifMatch);
    return Response.ok(view).tag(etag(team)).build();
  }

  @DELETE
  @Path("/{team}")
  @Operation(
      operationId = "deleteTeam",
      summary = "Delete a team without pipelines (platform-admin)")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public Response delete(@PathParam("team") String team) {
    teams.delete(team);
    return Response.noContent().build();
  }

  private String etag(String slug) {
    return Long.toString(teams.get(slug).version);
  }
}
