package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a {@code reset-state} update starts reading its sources and tables. */
public enum UpgradeStart {
  /** The offsets the old version committed: nothing skipped, nothing read twice. */
  PREVIOUS_OFFSETS("previous-offsets"),
  /** The earliest offsets: history is processed again. */
  EARLIEST("earliest"),
  /** The first offset at or after {@code timestamp} in every partition. */
  TIMESTAMP("timestamp");

  private final String value;

  UpgradeStart(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
