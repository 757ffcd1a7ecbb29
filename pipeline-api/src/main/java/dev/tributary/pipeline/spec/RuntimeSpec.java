package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/** How a pipeline runs. Every field has a default. */
@JsonPropertyOrder({
  "processingGuarantee",
  "commitInterval",
  "replicas",
  "autoscaling",
  "standbyReplicas",
  "resources"
})
public record RuntimeSpec(
    @JsonPropertyDescription("exactly_once_v2 (default) or at_least_once.")
        ProcessingGuarantee processingGuarantee,
    @JsonPropertyDescription(
            "How often progress is committed; default 100ms under exactly-once, 30s otherwise"
                + " (Kafka Streams' defaults).")
        @DurationText
        Duration commitInterval,
    @JsonPropertyDescription("Replica bounds; never more than the source partitions.")
        ReplicasSpec replicas,
    @JsonPropertyDescription("Scale between the replica bounds from consumer lag.")
        AutoscalingSpec autoscaling,
    @JsonPropertyDescription("Warm copies of each state store kept on other replicas.")
        Integer standbyReplicas,
    @JsonPropertyDescription("CPU and memory of one replica.") ResourcesSpec resources) {

  public static final RuntimeSpec DEFAULT = new RuntimeSpec(null, null, null, null, null, null);

  public ProcessingGuarantee processingGuaranteeOrDefault() {
    return processingGuarantee == null ? ProcessingGuarantee.EXACTLY_ONCE_V2 : processingGuarantee;
  }

  public Duration commitIntervalOrDefault() {
    if (commitInterval != null) {
      return commitInterval;
    }
    return processingGuaranteeOrDefault() == ProcessingGuarantee.EXACTLY_ONCE_V2
        ? Duration.ofMillis(100)
        : Duration.ofSeconds(30);
  }

  public ReplicasSpec replicasOrDefault() {
    return replicas == null ? ReplicasSpec.DEFAULT : replicas;
  }

  public int standbyReplicasOrDefault() {
    return standbyReplicas == null ? 0 : standbyReplicas;
  }
}
