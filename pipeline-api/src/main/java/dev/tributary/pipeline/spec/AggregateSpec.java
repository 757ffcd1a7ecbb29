package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** A grouped aggregation, unwindowed or over a time window. The output is a table. */
@JsonPropertyOrder({"groupBy", "window", "emit", "aggregates"})
public record AggregateSpec(
    @JsonPropertyDescription(
            "Output field name to CEL expression; records with equal values form a group and the"
                + " output keeps these fields. Default: group by the record key, output field"
                + " `key`.")
        Map<String, String> groupBy,
    @JsonPropertyDescription("The time window; omit it for a running aggregate per key.")
        WindowSpec window,
    @JsonPropertyDescription(
            "final: one result per window once it closes (needs a window); changes: every update."
                + " Default: final for windows, changes otherwise.")
        Emit emit,
    @JsonPropertyDescription("Output field name to aggregation.")
        Map<String, AggregationSpec> aggregates) {}
