package dev.tributary.pipeline.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** What the operator (or the local runtime) observed, following Kubernetes API conventions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStatus(
    @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,
    @JsonPropertyDescription("A one-word summary for people; conditions carry the detail.")
        PipelinePhase phase,
    @JsonPropertyDescription("Valid, TopicsReady, Scaling, Ready… with reason and message.")
        List<Condition> conditions,
    @JsonPropertyDescription("Replicas running now.") @StatusReplicas Integer replicas,
    @JsonPropertyDescription("Replicas whose Kafka Streams client is RUNNING.")
        Integer readyReplicas,
    @JsonPropertyDescription("Replicas the autoscaler wants, within the bounds.")
        Integer desiredReplicas,
    @JsonPropertyDescription("Label selector of the worker pods, for the scale subresource.")
        @LabelSelector
        String selector,
    @JsonPropertyDescription("The catalog revision that is deployed.") Long deployedRevision,
    @JsonPropertyDescription("Consumer lag of the inputs; absent until it has been measured.")
        LagSummary lag) {

  public static final PipelineStatus EMPTY =
      new PipelineStatus(null, PipelinePhase.PENDING, List.of(), 0, 0, 0, null, null);

  /** A status without a lag figure: a target that does not measure lag leaves it out. */
  public PipelineStatus(
      Long observedGeneration,
      PipelinePhase phase,
      List<Condition> conditions,
      Integer replicas,
      Integer readyReplicas,
      Integer desiredReplicas,
      String selector,
      Long deployedRevision) {
    this(
        observedGeneration,
        phase,
        conditions,
        replicas,
        readyReplicas,
        desiredReplicas,
        selector,
        deployedRevision,
        null);
  }
}
