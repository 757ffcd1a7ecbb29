package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How a topic's record key is read. Keys are strings (UTF-8) throughout Tributary; {@code field}
 * says which value field the key equals, which lets the validator check that joins are
 * co-partitioned.
 */
public record KeySpec(
    @JsonPropertyDescription("The value field that the record key equals, if any.") String field) {}
