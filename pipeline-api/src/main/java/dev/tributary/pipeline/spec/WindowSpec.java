package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * A time window. tumbling: {@code size}; hopping: {@code size} and {@code advance}; sliding: {@code
 * size} is the largest time difference between records of one window; session: {@code gap} of
 * inactivity closes a session. Every window states its {@code grace} explicitly.
 */
@JsonPropertyOrder({"type", "size", "advance", "gap", "grace"})
public record WindowSpec(
    @JsonPropertyDescription("tumbling, hopping, sliding or session.") WindowType type,
    @JsonPropertyDescription("Window length (tumbling, hopping, sliding).") @DurationText
        Duration size,
    @JsonPropertyDescription("How far a hopping window moves each time; less than size.")
        @DurationText
        Duration advance,
    @JsonPropertyDescription("Inactivity gap that ends a session window.") @DurationText
        Duration gap,
    @JsonPropertyDescription(
            "How long after a window's end late records are still accepted; required (0s is"
                + " allowed).")
        @DurationText
        Duration grace) {}
