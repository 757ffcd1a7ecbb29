package dev.tributary.controlplane.preview;

import dev.tributary.controlplane.api.MediaTypes;
import dev.tributary.controlplane.api.TributaryApi;
import dev.tributary.controlplane.pipeline.PipelineCatalog;
import dev.tributary.controlplane.pipeline.PipelineResource;
import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a pipeline document would do to the latest records of its topics, with nothing written. */
@Path(TributaryApi.BASE + "/teams/{team}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PreviewResource {

  static final int DEFAULT_RECORDS = 100;
  static final int MAX_RECORDS = 1_000;

  @Inject PipelineCatalog catalog;
  @Inject PipelinePreviewer previewer;

  @POST
  @Path("/pipelines/preview")
  @Consumes({
    MediaType.APPLICATION_JSON,
    MediaTypes.YAML,
    MediaTypes.YAML_LEGACY,
    MediaTypes.YAML_TEXT
  })
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "previewPipeline",
      summary = "Run a document on the latest records of its topics, writing nothing",
      description =
          "Validates the document as create does (the same 422), reads the latest records of each"
              + " source and table topic (committed records only, no consumer group) and runs the"
              + " compiled topology on them in Kafka Streams' TopologyTestDriver: tables first,"
              + " then the sources' records by timestamp. Answers what each sink would write and"
              + " what would be dead-lettered. Nothing is written to Kafka and no topic is"
              + " created.")
  @APIResponse(responseCode = "200", description = "What the pipeline would write.")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "422", ref = "InvalidPipeline")
  @APIResponse(responseCode = "503", ref = "KafkaUnavailable")
  public PreviewView preview(
      @PathParam("team") String team,
      @Parameter(
              description =
                  "How many of the latest records of each input topic, 1 to "
                      + MAX_RECORDS
                      + " (default "
                      + DEFAULT_RECORDS
                      + ").")
          @QueryParam("records")
          Integer records,
      @RequestBody(
              required = true,
              description = "The pipeline document, JSON or YAML, as for create.",
              content = {
                @Content(
                    mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PipelineDocument.class)),
                @Content(mediaType = MediaTypes.YAML, schema = @Schema(type = SchemaType.STRING))
              })
          String body,
      @Context HttpHeaders headers) {
    int count = records(records);
    // the catalog's transaction ends before Kafka is read
    ValidatedPipeline pipeline =
        catalog.candidate(
            team,
            PipelineResource.checkedBody(body),
            PipelineResource.syntax(headers.getMediaType()));
    return previewer.preview(pipeline, count);
  }

  private static int records(Integer records) {
    if (records == null) {
      return DEFAULT_RECORDS;
    }
    if (records < 1 || records > MAX_RECORDS) {
      throw Problems.invalidRequest(
          "invalid query parameter 'records'",
          List.of(
              new FieldError(
                  "records", "invalid-parameter", "must be between 1 and " + MAX_RECORDS)));
    }
    return records;
  }
}
