package dev.tributary.pipeline.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/**
 * A Kubernetes-style condition ({@code metav1.Condition}): an observation of one aspect of the
 * pipeline, with a machine-readable reason and a message for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @JsonPropertyDescription("Ready, Valid, TopicsReady, Scaling, …") String type,
    @JsonPropertyDescription("True, False or Unknown.") String status,
    @JsonPropertyDescription("CamelCase reason, stable for machines.") String reason,
    @JsonPropertyDescription("What happened, for people.") String message,
    @JsonPropertyDescription("When status last changed (RFC 3339).") String lastTransitionTime,
    @JsonPropertyDescription("The metadata.generation this condition describes.")
        Long observedGeneration) {

  public static final String READY = "Ready";
  public static final String VALID = "Valid";
  public static final String TOPICS_READY = "TopicsReady";
  public static final String SCALING = "Scaling";

  /** True after a worker exited without being asked to, or a rollout stalled. */
  public static final String REPLICA_FAILURE = "ReplicaFailure";

  public static Condition of(
      String type, boolean status, String reason, String message, Long generation, Instant at) {
    return new Condition(
        type, status ? "True" : "False", reason, message, at.toString(), generation);
  }

  @JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }
}
