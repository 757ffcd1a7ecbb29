package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One aggregate value of a group. */
public record AggregationSpec(
    @JsonPropertyDescription("count, sum, min, max, avg, first, last or collect.")
        AggregateFunction fn,
    @JsonPropertyDescription("CEL expression aggregated; required by every function but count.")
        String of) {}
