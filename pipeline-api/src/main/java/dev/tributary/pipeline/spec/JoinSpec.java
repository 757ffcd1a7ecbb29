package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Map;

/**
 * Joins the step's input (the left side) with {@code with} (the right side). What the join means
 * follows from the sides: stream-table (lookup, optionally as of the event's time), stream-stream
 * (within a time window), table-table (on the key, or on a foreign key).
 */
@JsonPropertyOrder({"with", "type", "key", "foreignKey", "within", "grace", "asOf", "select"})
public record JoinSpec(
    @JsonPropertyDescription("The right side: a table, a source, or a step.") String with,
    @JsonPropertyDescription(
            "inner (default), left, or outer (stream-stream and table-table only).")
        JoinType type,
    @JsonPropertyDescription(
            "CEL expression on the left record that must equal the right side's key. The left"
                + " input must already be keyed by it (add a rekey step otherwise), so that both"
                + " sides are co-partitioned.")
        String key,
    @JsonPropertyDescription(
            "Table-table only: CEL expression on the left row giving the key of the right row"
                + " (foreign-key join; no co-partitioning needed).")
        String foreignKey,
    @JsonPropertyDescription("Stream-stream only: how far apart in time two records may be.")
        @DurationText
        Duration within,
    @JsonPropertyDescription("Stream-stream only: how long late records are still joined.")
        @DurationText
        Duration grace,
    @JsonPropertyDescription(
            "Stream-table only: look the (versioned) table up as of the event's time instead of"
                + " its latest value.")
        Boolean asOf,
    @JsonPropertyDescription(
            "Output fields: name to CEL expression over the left fields and the right fields"
                + " (right fields whose name the left also has are named `<with>_<field>`)."
                + " Default: all left fields and all right fields.")
        Map<String, String> select) {

  public JoinType typeOrDefault() {
    return type == null ? JoinType.INNER : type;
  }

  @JsonIgnore
  public boolean isAsOf() {
    return Boolean.TRUE.equals(asOf);
  }
}
