package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;

/**
 * How an update to a running pipeline treats its state (docs/upgrades.md). Without it an update
 * keeps the state when the stores can be read by the new version and is refused otherwise.
 */
@JsonPropertyOrder({"mode", "startFrom", "timestamp", "rollbackAfter"})
public record UpgradeSpec(
    @JsonPropertyDescription(
            "keep-state: keep the application id and the stores (refused when a stateful step"
                + " changed so that its state cannot be read forward); reset-state: a new"
                + " application id with a new consumer group and fresh stores. Default:"
                + " keep-state when the state can be kept.")
        UpgradeMode mode,
    @JsonPropertyDescription(
            "reset-state only: previous-offsets (default; where the old version stopped),"
                + " earliest (process the history again) or timestamp.")
        UpgradeStart startFrom,
    @JsonPropertyDescription(
            "startFrom timestamp only: an RFC 3339 instant, for example 2026-12-01T00:00:00Z;"
                + " every partition starts at its first record at or after it.")
        String timestamp,
    @JsonPropertyDescription(
            "How long the new revision has to become Running before the platform rolls back to"
                + " the last revision that ran (its state included where it was kept); at least"
                + " 30s, default 5m.")
        @DurationText
        Duration rollbackAfter) {

  /** How long an update may take to run before it is rolled back, unless the spec says. */
  public static final Duration DEFAULT_ROLLBACK_AFTER = Duration.ofMinutes(5);

  /** The shortest {@link #rollbackAfter}: a worker needs some seconds to start and join. */
  public static final Duration MIN_ROLLBACK_AFTER = Duration.ofSeconds(30);

  public UpgradeSpec(UpgradeMode mode, UpgradeStart startFrom, String timestamp) {
    this(mode, startFrom, timestamp, null);
  }

  public Duration rollbackAfterOrDefault() {
    return rollbackAfter == null ? DEFAULT_ROLLBACK_AFTER : rollbackAfter;
  }

  public UpgradeStart startFromOrDefault() {
    return startFrom == null ? UpgradeStart.PREVIOUS_OFFSETS : startFrom;
  }
}
