package dev.tributary.controlplane.credential;

import dev.tributary.controlplane.api.TributaryApi;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Kafka credentials of a team's own applications (docs/security.md, "Kafka credentials"):
 * team-admin and platform-admin only. A secret is in the answer of the request that made it and
 * nowhere else.
 */
@Path(TributaryApi.BASE + "/teams/{team}/kafka-credentials")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Kafka credentials")
public class KafkaCredentialResource {

  @Inject TeamKafkaCredentials credentials;

  @GET
  @Operation(
      operationId = "listKafkaCredentials",
      summary = "The team's Kafka credentials, without their secrets")
  @APIResponse(
      responseCode = "200",
      description = "Every credential, by name.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = KafkaCredentialView.class)))
  public List<KafkaCredentialView> list(@PathParam("team") String team) {
    return credentials.list(team);
  }

  @GET
  @Path("/{name}")
  @Operation(operationId = "getKafkaCredential", summary = "One credential, without its secret")
  @APIResponse(
      responseCode = "200",
      description = "The credential.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = KafkaCredentialView.class)))
  public KafkaCredentialView get(@PathParam("team") String team, @PathParam("name") String name) {
    return credentials.get(team, name);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createKafkaCredential",
      summary = "Create a credential for the team's applications",
      description =
          "A SCRAM-SHA-512 user that may read and write the team's topics and use consumer groups"
              + " and transactional ids under its topic prefix; it cannot create or delete topics."
              + " The secret is in this answer only.")
  @APIResponse(
      responseCode = "201",
      description = "Created, with its secret.",
      headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = IssuedKafkaCredential.class)))
  @APIResponse(responseCode = "409", ref = "Conflict")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  public Response create(
      @PathParam("team") String team, @NotNull @Valid NewKafkaCredential request) {
    IssuedKafkaCredential issued = credentials.create(team, request);
    return Response.created(
            UriBuilder.fromPath(TributaryApi.BASE + "/teams/{team}/kafka-credentials/{name}")
                .build(team, request.name()))
        .cacheControl(noStore())
        .entity(issued)
        .build();
  }

  @POST
  @Path("/{name}/rotate")
  @Operation(
      operationId = "rotateKafkaCredential",
      summary = "Give a credential a new secret under a new user",
      description =
          "The previous generation keeps connecting until it is retired (POST …/retire-previous),"
              + " so applications switch without a gap; a generation older than that is removed.")
  @APIResponse(
      responseCode = "200",
      description = "The new generation, with its secret.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = IssuedKafkaCredential.class)))
  public Response rotate(@PathParam("team") String team, @PathParam("name") String name) {
    return Response.ok(credentials.rotate(team, name)).cacheControl(noStore()).build();
  }

  @POST
  @Path("/{name}/retire-previous")
  @Operation(
      operationId = "retirePreviousKafkaCredential",
      summary = "Remove the generation before the last rotation")
  @APIResponse(
      responseCode = "200",
      description = "The credential, with only its current generation.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = KafkaCredentialView.class)))
  @APIResponse(responseCode = "409", ref = "Conflict")
  public KafkaCredentialView retirePrevious(
      @PathParam("team") String team, @PathParam("name") String name) {
    return credentials.retirePrevious(team, name);
  }

  @DELETE
  @Path("/{name}")
  @Operation(
      operationId = "deleteKafkaCredential",
      summary = "Delete a credential: its users and ACLs are removed from Kafka")
  @APIResponse(responseCode = "204", description = "Deleted.")
  public Response delete(@PathParam("team") String team, @PathParam("name") String name) {
    credentials.delete(team, name);
    return Response.noContent().build();
  }

  private static CacheControl noStore() {
    CacheControl cache = new CacheControl();
    cache.setNoStore(true);
    return cache;
  }
}
