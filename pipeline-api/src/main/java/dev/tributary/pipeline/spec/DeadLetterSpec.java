package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The dead-letter topic; every pipeline has one. */
public record DeadLetterSpec(
    @JsonPropertyDescription(
            "The topic; default `<team prefix><pipeline name>.dead-letter`. Records carry the"
                + " headers tributary.pipeline, tributary.step, tributary.error.")
        String topic) {}
