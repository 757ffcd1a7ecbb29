package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.api.Cursor;
import dev.tributary.controlplane.api.MediaTypes;
import dev.tributary.controlplane.api.TributaryApi;
import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.revision.RevisionPage;
import dev.tributary.controlplane.revision.RevisionView;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.validation.DocumentSyntax;
import dev.tributary.pipeline.validation.PipelineValidator;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A team's pipelines. Every method starts with the team access check in {@link PipelineCatalog}.
 */
@Path(TributaryApi.BASE + "/teams/{team}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

  static final String EXAMPLE_JSON =
      """
      {
        "apiVersion": "tributary.dev/v1alpha1",
        "kind": "Pipeline",
        "metadata": {"name": "large-payments"},
        "spec": {
          "sources": [{"name": "payments", "topic": "payments.payments",
                       "fields": {"paymentId": "string", "amount": "double", "currency": "string"}}],
          "steps": [{"name": "large", "input": "payments", "filter": "amount >= 1000.0"}],
          "sinks": [{"name": "large", "input": "large", "topic": "payments.large-payments"}]
        }
      }
      """;

  static final String EXAMPLE_YAML =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: large-payments}
      spec:
        sources:
          - name: payments
            topic: payments.payments
            fields: {paymentId: string, amount: double, currency: string}
        steps:
          - {name: large, input: payments, filter: "amount >= 1000.0"}
        sinks:
          - {name: large, input: large, topic: payments.large-payments}
      """;

  @Inject PipelineCatalog catalog;

  @GET
  @Path("/pipelines")
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "listPipelines",
      summary = "List a team's pipelines, by name, a page at a time")
  @APIResponse(responseCode = "200", description = "One page of pipelines.")
  public PipelinePage list(
      @PathParam("team") String team,
      @Parameter(
              description = "Only pipelines in this state.",
              schema = @Schema(enumeration = {"active", "paused"}))
          @QueryParam("state")
          String state,
      @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor")
          String cursor,
      @Parameter(
              description =
                  "Page size, 1 to "
                      + Cursor.MAX_LIMIT
                      + " (default "
                      + Cursor.DEFAULT_LIMIT
                      + ").")
          @QueryParam("limit")
          Integer limit) {
    PipelineState filter = null;
    if (state != null) {
      filter = PipelineState.parse(state);
      if (filter == null) {
        throw Problems.invalidRequest(
            "invalid query parameter 'state'",
            List.of(new FieldError("state", "invalid-parameter", "must be active or paused")));
      }
    }
    return catalog.list(team, filter, cursor, limit);
  }

  @GET
  @Path("/pipelines/{name}")
  @Tag(name = "Pipelines")
  @Operation(operationId = "getPipeline", summary = "Get a pipeline and the document in force")
  @APIResponse(
      responseCode = "200",
      description = "The pipeline.",
      headers =
          @Header(
              name = "ETag",
              description = "The current revision, quoted.",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PipelineView.class)))
  public Response get(@PathParam("team") String team, @PathParam("name") String name) {
    PipelineView pipeline = catalog.get(team, name);
    return Response.ok(pipeline).tag(etagValue(pipeline.revision())).build();
  }

  @PUT
  @Path("/pipelines/{name}")
  @Consumes({
    MediaType.APPLICATION_JSON,
    MediaTypes.YAML,
    MediaTypes.YAML_LEGACY,
    MediaTypes.YAML_TEXT
  })
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "putPipeline",
      summary = "Create or replace a pipeline by name",
      description =
          "Idempotent: sending the document in force again changes nothing and answers 200."
              + " Replacing an existing pipeline needs If-Match with its ETag; If-None-Match: *"
              + " only creates. Every change is a new immutable revision. An update whose"
              + " stateful steps cannot keep their state is refused (409 state-incompatible)"
              + " unless spec.upgrade.mode is reset-state (docs/upgrades.md). With dryRun=true"
              + " every check is made, nothing is written, and the answer is the UpgradePlan.")
  @APIResponse(
      responseCode = "200",
      description =
          "Replaced (a new revision) or unchanged. With dryRun=true the body is instead an"
              + " UpgradePlan, as planPipelineUpdate answers, and nothing is written.",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PipelineView.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created at revision 1.",
      headers = {
        @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "Location", schema = @Schema(type = SchemaType.STRING))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PipelineView.class)))
  @APIResponse(responseCode = "409", ref = "StateIncompatible")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "InvalidPipeline")
  @APIResponse(responseCode = "428", ref = "PreconditionRequired")
  public Response put(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(description = "The ETag of the revision being replaced, e.g. \"3\".")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Parameter(description = "`*` to only create.") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          String ifNoneMatch,
      @Parameter(
              description = "Where the change comes from: api (default), console or kubectl.",
              schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source,
      @Parameter(description = "true: make every check, write nothing, answer the plan.")
          @QueryParam("dryRun")
          boolean dryRun,
      @RequestBody(
              required = true,
              description =
                  "The pipeline document, JSON or YAML; metadata.name must be the name in the URL.",
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PipelineDocument.class),
                    examples = @ExampleObject(name = "large-payments", value = EXAMPLE_JSON)),
                @Content(
                    mediaType = MediaTypes.YAML,
                    schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "large-payments", value = EXAMPLE_YAML))
              })
          String body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    PipelineCatalog.Change change =
        catalog.put(
            team,
            name,
            checkedBody(body),
            syntax(headers.getMediaType()),
            new Preconditions(ifMatch, ifNoneMatch),
            source(source),
            dryRun);
    if (dryRun) {
      return Response.ok(change.plan()).build();
    }
    Response.ResponseBuilder response =
        change.outcome() == PipelineCatalog.Outcome.CREATED
            ? Response.created(uri.getRequestUri())
            : Response.ok();
    return response.entity(change.pipeline()).tag(etagValue(change.pipeline().revision())).build();
  }

  @POST
  @Path("/pipelines/{name}/plan")
  @Consumes({
    MediaType.APPLICATION_JSON,
    MediaTypes.YAML,
    MediaTypes.YAML_LEGACY,
    MediaTypes.YAML_TEXT
  })
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "planPipelineUpdate",
      summary = "What replacing a pipeline with this document would do (nothing written)",
      description =
          "The diff from the document in force, the rollout, the application id before and"
              + " after, and for every table and stateful step whether its state is kept and why"
              + " (docs/upgrades.md). allowed=false with a refusal when PUT would refuse it for"
              + " its state. Writes no revision and no audit event.")
  @APIResponse(
      responseCode = "200",
      description = "The plan.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UpgradePlan.class)))
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "InvalidPipeline")
  public UpgradePlan plan(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @RequestBody(
              required = true,
              description = "The pipeline document, JSON or YAML, as for PUT.",
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PipelineDocument.class)),
                @Content(mediaType = MediaTypes.YAML, schema = @Schema(type = SchemaType.STRING))
              })
          String body,
      @Context HttpHeaders headers) {
    return catalog.plan(team, name, checkedBody(body), syntax(headers.getMediaType()));
  }

  @DELETE
  @Path("/pipelines/{name}")
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "deletePipeline",
      summary = "Delete a pipeline, its revisions, and what runs of it")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  public Response delete(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(description = "Optional: delete only at this ETag.")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Parameter(schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source) {
    catalog.delete(team, name, new Preconditions(ifMatch, null), source(source));
    return Response.noContent().build();
  }

  @POST
  @Path("/pipelines/validate")
  @Consumes({
    MediaType.APPLICATION_JSON,
    MediaTypes.YAML,
    MediaTypes.YAML_LEGACY,
    MediaTypes.YAML_TEXT
  })
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "validatePipeline",
      summary = "Validate a document without saving it (dry run)",
      description =
          "The same checks as create, with the same 422 problem listing every error; nothing is"
              + " written.")
  @APIResponse(responseCode = "200", description = "The document would be accepted.")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "InvalidPipeline")
  public ValidationReport validate(
      @PathParam("team") String team,
      @RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PipelineDocument.class),
                    examples = @ExampleObject(name = "large-payments", value = EXAMPLE_JSON)),
                @Content(mediaType = MediaTypes.YAML, schema = @Schema(type = SchemaType.STRING))
              })
          String body,
      @Context HttpHeaders headers) {
    return catalog.validate(team, checkedBody(body), syntax(headers.getMediaType()));
  }

  @GET
  @Path("/pipelines/{name}/explain")
  @Tag(name = "Pipelines")
  @Operation(operationId = "explainPipeline", summary = "What the current revision compiles to")
  @APIResponse(
      responseCode = "200",
      description = "Resolved nodes, planned topics and the Kafka Streams topology.")
  public Explanation explain(@PathParam("team") String team, @PathParam("name") String name) {
    return catalog.explain(team, name);
  }

  @GET
  @Path("/pipelines/{name}/revisions")
  @Tag(name = "Revisions")
  @Operation(
      operationId = "listRevisions",
      summary = "A pipeline's revisions, newest first, with their diffs")
  @APIResponse(responseCode = "200", description = "One page of revisions.")
  public RevisionPage revisions(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(description = "`nextCursor` of the previous page.") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to " + Cursor.MAX_LIMIT + ".") @QueryParam("limit")
          Integer limit) {
    return catalog.revisions(team, name, cursor, limit);
  }

  @GET
  @Path("/pipelines/{name}/revisions/{revision}")
  @Tag(name = "Revisions")
  @Operation(operationId = "getRevision", summary = "One revision with its document and diff")
  @APIResponse(responseCode = "200", description = "The revision.")
  public RevisionView revision(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @PathParam("revision") int revision) {
    return catalog.revision(team, name, revision);
  }

  @POST
  @Path("/pipelines/{name}/revisions/{revision}/rollback")
  @Tag(name = "Revisions")
  @Operation(
      operationId = "rollbackPipeline",
      summary = "Roll back to a revision",
      description =
          "Makes a new revision with the document of the given one, checked again against the"
              + " team's current rules.")
  @APIResponse(
      responseCode = "200",
      description =
          "The pipeline at its new revision (or unchanged when already at that document).",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PipelineView.class)))
  @APIResponse(responseCode = "409", ref = "StateIncompatible")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "422", ref = "InvalidPipeline")
  public Response rollback(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @PathParam("revision") int revision,
      @Parameter(description = "Optional: roll back only from this ETag.")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Parameter(schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source) {
    PipelineCatalog.Change change =
        catalog.rollback(team, name, revision, new Preconditions(ifMatch, null), source(source));
    return Response.ok(change.pipeline()).tag(etagValue(change.pipeline().revision())).build();
  }

  @POST
  @Path("/pipelines/{name}/pause")
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "pausePipeline",
      summary = "Pause a pipeline (its workers stop; state is kept)")
  @APIResponse(responseCode = "200", description = "The pipeline, paused.")
  public PipelineView pause(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source) {
    return catalog.pause(team, name, source(source));
  }

  @POST
  @Path("/pipelines/{name}/resume")
  @Tag(name = "Pipelines")
  @Operation(operationId = "resumePipeline", summary = "Resume a paused pipeline")
  @APIResponse(responseCode = "200", description = "The pipeline, active.")
  public PipelineView resume(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source) {
    return catalog.resume(team, name, source(source));
  }

  @POST
  @Path("/pipelines/{name}/restart")
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "restartPipeline",
      summary = "Restart every worker of an active pipeline")
  @APIResponse(responseCode = "200", description = "Restart requested.")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public PipelineView restart(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source) {
    return catalog.restart(team, name, source(source));
  }

  @POST
  @Path("/pipelines/{name}/kafka-credentials/rotate")
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "rotatePipelineKafkaCredential",
      summary = "Give the pipeline's workers a new Kafka credential",
      description =
          "On a secured cluster: a new SCRAM user with the same ACLs, every worker replaced one at a"
              + " time with it, then the previous user removed. Records are neither lost nor"
              + " repeated (exactly-once).")
  @APIResponse(responseCode = "200", description = "Rotation requested.")
  @APIResponse(responseCode = "409", ref = "Conflict")
  public PipelineView rotateKafkaCredential(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(schema = @Schema(enumeration = {"api", "console", "kubectl"}))
          @HeaderParam(ChangeSource.HEADER)
          String source) {
    return catalog.rotateCredentials(team, name, source(source));
  }

  /** The body, or a 413 problem when it is longer than a pipeline document may be. */
  public static String checkedBody(String body) {
    if (body != null && body.length() > PipelineValidator.MAX_DOCUMENT_CHARS) {
      throw Problems.bodyTooLarge(PipelineValidator.MAX_DOCUMENT_CHARS);
    }
    return body;
  }

  /**
   * The parser the request's media type asks for: a document sent as JSON is read as strict JSON,
   * never as YAML, which would accept more than JSON does. {@code @Consumes} lets only JSON and the
   * YAML media types through.
   */
  public static DocumentSyntax syntax(MediaType type) {
    if (type == null) {
      throw Problems.unsupportedMediaType(
          "send the document as application/json or application/yaml (Content-Type)");
    }
    return type.getType().equalsIgnoreCase("application")
            && type.getSubtype().equalsIgnoreCase("json")
        ? DocumentSyntax.JSON
        : DocumentSyntax.YAML;
  }

  static ChangeSource source(String header) {
    ChangeSource source = ChangeSource.fromHeader(header);
    if (source == null) {
      throw Problems.invalidRequest(
          "invalid header " + ChangeSource.HEADER,
          List.of(
              new FieldError(
                  ChangeSource.HEADER, "invalid-header", "must be api, console or kubectl")));
    }
    return source;
  }

  private static String etagValue(int revision) {
    return Integer.toString(revision);
  }
}
