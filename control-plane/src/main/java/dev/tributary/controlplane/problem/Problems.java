package dev.tributary.controlplane.problem;

import dev.tributary.pipeline.validation.ValidationError;
import java.util.List;
import java.util.Map;

/** The problems of the API, one factory per stable problem type (docs/api.md lists them). */
public final class Problems {

  private Problems() {}

  public static ProblemException teamNotFound(String team) {
    // Also for teams that exist but the caller may not know of: no cross-team discovery.
    return new ProblemException(404, "team-not-found", "Team not found", "no team '" + team + "'");
  }

  public static ProblemException pipelineNotFound(String team, String name) {
    return new ProblemException(
        404,
        "pipeline-not-found",
        "Pipeline not found",
        "team '" + team + "' has no pipeline '" + name + "'");
  }

  public static ProblemException revisionNotFound(String name, int revision) {
    return new ProblemException(
        404,
        "revision-not-found",
        "Revision not found",
        "pipeline '" + name + "' has no revision " + revision);
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail);
  }

  public static ProblemException invalidPipeline(List<ValidationError> errors) {
    return new ProblemException(
        422,
        "invalid-pipeline",
        "Invalid pipeline",
        errors.size() == 1
            ? "the pipeline has 1 error"
            : "the pipeline has " + errors.size() + " errors",
        errors.stream()
            .map(e -> new ProblemDetail.FieldError(e.path(), e.code(), e.message()))
            .toList(),
        Map.of());
  }

  public static ProblemException invalidRequest(
      String detail, List<ProblemDetail.FieldError> errors) {
    return new ProblemException(
        400, "invalid-request", "Invalid request", detail, errors, Map.of());
  }

  public static ProblemException quotaExceeded(String detail) {
    return new ProblemException(422, "quota-exceeded", "Team quota exceeded", detail);
  }

  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(412, "precondition-failed", "Precondition failed", detail);
  }

  public static ProblemException preconditionRequired(String detail) {
    return new ProblemException(428, "precondition-required", "Precondition required", detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail);
  }

  /** A request body that is not UTF-8; the detail says where. */
  public static ProblemException invalidEncoding(String detail) {
    return new ProblemException(400, "invalid-encoding", "Request body is not UTF-8", detail);
  }

  public static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  public static ProblemException bodyTooLarge(long limit) {
    return new ProblemException(
        413,
        "body-too-large",
        "Request body too large",
        "the request body is larger than the limit of " + limit + " bytes");
  }

  /** An update whose stateful steps cannot keep their state, without {@code reset-state}. */
  public static ProblemException stateIncompatible(
      String detail, List<ProblemDetail.FieldError> errors) {
    return new ProblemException(
        409, "state-incompatible", "State cannot be kept", detail, errors, Map.of());
  }

  /** An upgrade mode the deploy target does not carry out. */
  public static ProblemException upgradeModeUnsupported(String detail) {
    return new ProblemException(
        409, "upgrade-mode-unsupported", "Upgrade mode not supported", detail);
  }

  /** Kafka is not configured for the control plane's own reads, or does not answer in time. */
  public static ProblemException kafkaUnavailable(String detail) {
    return new ProblemException(503, "kafka-unavailable", "Kafka unavailable", detail);
  }

  /** Credentials of their own need a cluster whose clients authenticate. */
  public static ProblemException kafkaNotSecured() {
    return new ProblemException(
        409,
        "kafka-not-secured",
        "Kafka cluster not secured",
        "the platform's Kafka cluster does not authenticate clients (its identity has no SASL"
            + " settings), so there are no credentials to give; every client of it is anonymous."
            + " Configure tributary.kafka.client-properties-file with a SASL identity");
  }

  public static ProblemException kafkaCredentialNotFound(String team, String name) {
    return new ProblemException(
        404,
        "kafka-credential-not-found",
        "Kafka credential not found",
        "team '" + team + "' has no Kafka credential '" + name + "'");
  }

  /**
   * One pipeline's name is the other's followed by {@code -…}: their workers' Kafka ACLs would
   * overlap (docs/kafka-security.md).
   */
  public static ProblemException pipelineNameOverlaps(String team, String name, String other) {
    return new ProblemException(
        409,
        "pipeline-name-overlaps",
        "Pipeline name overlaps another",
        "team '"
            + team
            + "' has a pipeline '"
            + other
            + "'; the names '"
            + name
            + "' and '"
            + other
            + "' would give the two pipelines' Kafka internal topics and transactional ids a"
            + " common prefix, so neither's credentials could be kept from the other's. Choose a"
            + " name that neither extends '"
            + other
            + "-' nor is extended by it");
  }
}
