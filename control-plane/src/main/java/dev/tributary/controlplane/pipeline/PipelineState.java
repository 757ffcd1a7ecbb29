package dev.tributary.controlplane.pipeline;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the team asked for: run the pipeline, or keep it paused. */
public enum PipelineState {
  ACTIVE("active"),
  PAUSED("paused");

  private final String value;

  PipelineState(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  /** The state named in a query, or null when it names none. */
  public static PipelineState parse(String value) {
    for (PipelineState state : values()) {
      if (state.value.equalsIgnoreCase(value)) {
        return state;
      }
    }
    return null;
  }
}
