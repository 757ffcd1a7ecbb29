package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Lag targets that the autoscaler keeps the pipeline under, within the replica bounds. */
public record AutoscalingSpec(
    @JsonPropertyDescription("Scale from lag (default true when replicas.max > replicas.min).")
        Boolean enabled,
    @JsonPropertyDescription("Target: the pipeline stays at most this far behind in time.")
        @DurationText
        Duration targetLag,
    @JsonPropertyDescription("Target: at most this many records behind, summed over partitions.")
        Long targetLagRecords,
    @JsonPropertyDescription(
            "A scale-down happens only when every decision in this window agrees (default 5m).")
        @DurationText
        Duration stabilizationWindow) {}
