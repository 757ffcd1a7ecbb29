package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an update does with the state of a running pipeline. */
public enum UpgradeMode {
  /** Keep the application id, consumer group and stores; refused when the state cannot be read. */
  KEEP_STATE("keep-state"),
  /** Start a new application id with fresh stores, from where {@link UpgradeStart} says. */
  RESET_STATE("reset-state");

  private final String value;

  UpgradeMode(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
