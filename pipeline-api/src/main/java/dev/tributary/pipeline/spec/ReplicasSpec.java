package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/** Replica bounds of a pipeline. */
public record ReplicasSpec(
    @JsonPropertyDescription(
            "At least this many replicas run (default 1; 0 pauses). `kubectl scale` sets it.")
        @SpecReplicas
        Integer min,
    @JsonPropertyDescription("At most this many replicas run (default: min).") Integer max) {

  public static final ReplicasSpec DEFAULT = new ReplicasSpec(1, 1);

  public int minOrDefault() {
    return min == null ? 1 : min;
  }

  public int maxOrDefault() {
    return max == null ? Math.max(minOrDefault(), 1) : max;
  }
}
