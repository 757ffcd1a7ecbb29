package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Drops a record when a record with the same identity was seen within {@code within}. */
public record DeduplicateSpec(
    @JsonPropertyDescription(
            "CEL expression identifying duplicates, for example `txId`. Default: the record key.")
        String key,
    @JsonPropertyDescription("How long an identity is remembered, for example 10m.") @DurationText
        Duration within) {}
