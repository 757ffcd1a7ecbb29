package dev.tributary.controlplane.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem: every error of the API has this shape, served as {@code
 * application/problem+json}. {@code type} is stable and names the kind of problem; clients branch
 * on it, never on {@code title} or {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem detail.")
public record ProblemDetail(
    @Schema(
            description = "Stable URI of the kind of problem.",
            example = "https://tributary.dev/problems/invalid-pipeline")
        String type,
    @Schema(description = "Short summary of the kind of problem.", example = "Invalid pipeline")
        String title,
    @Schema(description = "The HTTP status code.", example = "422") int status,
    @Schema(description = "What went wrong with this request, for people.") String detail,
    @Schema(description = "The request path.", example = "/api/v1/teams/payments/pipelines/fraud")
        String instance,
    @Schema(description = "Every problem found in a pipeline document or request body.")
        List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_PREFIX = "https://tributary.dev/problems/";

  /**
   * One error in a request body.
   *
   * @param path JSON path from the document root, empty for the document as a whole
   */
  @Schema(name = "FieldError")
  public record FieldError(
      @Schema(example = "spec.steps[0].filter") String path,
      @Schema(example = "expression-type") String code,
      @Schema(example = "the filter must be a bool expression, found string") String message) {}
}
