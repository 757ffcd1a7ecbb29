package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Resources of one replica, in Kubernetes quantity syntax. */
public record ResourcesSpec(
    @JsonPropertyDescription("CPU, for example 500m or 2.") String cpu,
    @JsonPropertyDescription("Memory, for example 512Mi or 2Gi.") String memory) {}
