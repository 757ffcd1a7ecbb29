package dev.tributary.pipeline.validation;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by callers that cannot go on with an invalid pipeline (the worker at start-up). */
public class InvalidPipelineException extends RuntimeException {

  private final List<ValidationError> errors;

  public InvalidPipelineException(List<ValidationError> errors) {
    super(
        "the pipeline is invalid:\n"
            + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ValidationError> errors() {
    return errors;
  }
}
