package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** History kept by a versioned table (KIP-889), bounding how far back as-of joins can look. */
public record VersionedSpec(
    @JsonPropertyDescription("How long old versions are kept, for example 7d.") @DurationText
        Duration history) {}
