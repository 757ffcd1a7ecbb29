package dev.tributary.pipeline.validation;

import dev.tributary.pipeline.spec.PipelineDocument;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of validation: every error found, and for a valid document the resolved pipeline
 * (types, keys and shapes of every source, table and step).
 */
public record ValidationResult(
    PipelineDocument document, ValidatedPipeline pipeline, List<ValidationError> errors) {

  public ValidationResult {
    errors = List.copyOf(errors);
  }

  public boolean isValid() {
    return errors.isEmpty() && pipeline != null;
  }

  public Optional<ValidatedPipeline> validated() {
    return Optional.ofNullable(isValid() ? pipeline : null);
  }

  /** The validated pipeline, or an exception listing every error. */
  public ValidatedPipeline orThrow() {
    if (!isValid()) {
      throw new InvalidPipelineException(errors);
    }
    return pipeline;
  }
}
