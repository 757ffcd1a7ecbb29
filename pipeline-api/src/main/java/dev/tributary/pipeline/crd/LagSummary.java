package dev.tributary.pipeline.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.pipeline.scaling.LagStatus;

/**
 * A pipeline's consumer lag over all its input partitions, as the deploy target last measured it.
 * Seconds are whole: a status written on every collection only when a figure a person reads
 * changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LagSummary(
    @JsonPropertyDescription("Records behind, summed over the input partitions.") Long totalRecords,
    @JsonPropertyDescription("How far behind in time the most lagging partition is.") Long seconds,
    @JsonPropertyDescription("OK, GROWING, STALLED, STOPPED or UNKNOWN, judged over a window.")
        LagStatus status) {}
