package dev.tributary.controlplane.deadletter;

import dev.tributary.controlplane.api.TributaryApi;
import dev.tributary.controlplane.pipeline.PipelineCatalog;
import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.Problems;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
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

/** The records a pipeline's steps failed on, read from its dead-letter topic. */
@Path(TributaryApi.BASE + "/teams/{team}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 200;

  @Inject PipelineCatalog catalog;
  @Inject DeadLetterReader reader;

  @GET
  @Path("/pipelines/{name}/dead-letters")
  @Tag(name = "Pipelines")
  @Operation(
      operationId = "listDeadLetters",
      summary = "The latest records a pipeline dead-lettered, newest first",
      description =
          "Read from the pipeline's dead-letter topic, committed records only, with each one's"
              + " step, error and source. Reading joins no consumer group and commits nothing.")
  @APIResponse(responseCode = "200", description = "The latest dead letters.")
  @APIResponse(responseCode = "503", ref = "KafkaUnavailable")
  public DeadLetterList list(
      @PathParam("team") String team,
      @PathParam("name") String name,
      @Parameter(
              description =
                  "How many records, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ").")
          @QueryParam("limit")
          Integer limit) {
    int count = limit(limit);
    // the catalog's transaction ends before Kafka is read
    String topic = catalog.inForce(team, name).deadLetterTopic();
    return reader.latest(topic, count);
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Problems.invalidRequest(
          "invalid query parameter 'limit'",
          List.of(
              new FieldError("limit", "invalid-parameter", "must be between 1 and " + MAX_LIMIT)));
    }
    return limit;
  }
}
