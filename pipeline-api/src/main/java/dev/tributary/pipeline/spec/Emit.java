package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** When an aggregate's results are written. */
public enum Emit {
  /** One result per window, after the window's end plus grace. */
  FINAL("final"),
  /** Every update of a result, as it happens. */
  CHANGES("changes");

  private final String value;

  Emit(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
