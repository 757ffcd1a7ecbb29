package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;

/**
 * Replica bounds of a pipeline. The CRD carries the validator's cheapest structural checks of them
 * as CEL rules, so that the API server refuses them at once (a {@code kubectl scale} above {@code
 * max} among them); the validator checks the same, with its codes, on every target.
 */
@ValidationRule(
    value = "!has(self.min) || self.min >= 0",
    message = "replicas.min must not be negative")
@ValidationRule(
    value = "!has(self.min) || !has(self.max) || self.min <= self.max",
    message = "replicas.min must not be greater than replicas.max (replicas-range)")
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
