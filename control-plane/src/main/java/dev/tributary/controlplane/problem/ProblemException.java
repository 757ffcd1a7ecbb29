package dev.tributary.controlplane.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the API reports to its caller as a problem. Thrown anywhere below the resources; {@link
 * ProblemMappers} turns it into the response.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String code;
  private final String title;
  private final List<ProblemDetail.FieldError> errors;
  private final Map<String, String> headers;

  public ProblemException(int status, String code, String title, String detail) {
    this(status, code, title, detail, null, Map.of());
  }

  public ProblemException(
      int status,
      String code,
      String title,
      String detail,
      List<ProblemDetail.FieldError> errors,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = errors;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ProblemDetail toProblem(String instance) {
    return new ProblemDetail(
        ProblemDetail.TYPE_PREFIX + code, title, status, getMessage(), instance, errors);
  }
}
