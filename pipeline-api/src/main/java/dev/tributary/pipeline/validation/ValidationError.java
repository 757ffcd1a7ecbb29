package dev.tributary.pipeline.validation;

/**
 * One problem in a pipeline document.
 *
 * @param path where it is, as a JSON path from the document root without {@code $.}: {@code
 *     spec.steps[2].filter}, and {@code metadata.labels['app.kubernetes.io/name']} for a key that
 *     is not an identifier; empty for the document as a whole
 * @param code a stable, machine-readable code: the value of a {@link ValidationCode}
 * @param message what is wrong and, where we can tell, how to fix it
 */
public record ValidationError(String path, String code, String message) {

  public ValidationError(String path, ValidationCode code, String message) {
    this(path, code.value(), message);
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "" : path + ": ") + message + " [" + code + "]";
  }
}
