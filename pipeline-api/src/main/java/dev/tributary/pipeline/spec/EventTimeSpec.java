package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Where a source's event time comes from, and how late its records may arrive. */
public record EventTimeSpec(
    @JsonPropertyDescription(
            "A field of type timestamp or int (epoch milliseconds) holding the event time."
                + " Without it the Kafka record timestamp is the event time.")
        String field,
    @JsonPropertyDescription(
            "How far behind the newest event a record of this source may arrive. Windows and"
                + " stream joins over this source must have a grace at least this long.")
        @DurationText
        Duration allowedLateness) {}
