package dev.tributary.controlplane.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.PipelineMetadata;
import dev.tributary.pipeline.validation.DocumentSyntax;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationError;
import dev.tributary.pipeline.validation.ValidationResult;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates documents for a team with pipeline-api's validator — the one validation of the language
 * — and adds the one rule only the API knows: the name in the URL.
 */
public final class PipelineValidation {

  private PipelineValidation() {}

  /**
   * The document as a candidate revision of the team's pipeline, or a 422 problem listing every
   * error.
   *
   * @param expectedName the name in the URL, or null when the document names the pipeline
   * @param syntax what the request's media type says the text is
   */
  public static Candidate check(
      Team team, String expectedName, String text, DocumentSyntax syntax) {
    ValidationResult result = PipelineValidator.validate(text, syntax, context(team));
    List<ValidationError> errors = new ArrayList<>(result.errors());
    if (result.document() != null
        && result.document().metadata() != null
        && expectedName != null
        && !expectedName.equals(result.document().metadata().name())) {
      errors.add(
          new ValidationError(
              "metadata.name",
              "name-mismatch",
              "the document is named '"
                  + result.document().metadata().name()
                  + "' but the URL names '"
                  + expectedName
                  + "'"));
    }
    if (!errors.isEmpty() || !result.isValid()) {
      throw Problems.invalidPipeline(errors);
    }
    return new Candidate(result.pipeline(), canonical(result.pipeline().document(), team.slug));
  }

  /** Re-checks a stored document (for rollback and explain): the team may have changed since. */
  public static Candidate recheck(Team team, String storedJson) {
    return check(team, null, storedJson, DocumentSyntax.JSON);
  }

  public static ValidationContext context(Team team) {
    return new ValidationContext(team.slug, team.topicPrefix);
  }

  /** The document as stored: JSON in the model's order, with the owning team filled in. */
  static String canonical(PipelineDocument document, String team) {
    PipelineMetadata metadata = document.metadata();
    PipelineDocument owned =
        new PipelineDocument(
            document.apiVersion(),
            document.kind(),
            new PipelineMetadata(metadata.name(), team, metadata.description(), metadata.labels()),
            document.spec());
    try {
      return PipelineMapper.json().writeValueAsString(owned);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
