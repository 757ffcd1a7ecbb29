package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Turns one record with a list into one record per element. */
public record ExplodeSpec(
    @JsonPropertyDescription("CEL expression of list type, for example `items`.") String items,
    @JsonPropertyDescription(
            "Name of the output field that holds the element; the other input fields are kept.")
        String as) {}
