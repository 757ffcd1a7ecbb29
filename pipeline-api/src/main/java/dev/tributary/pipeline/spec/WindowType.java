package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

public enum WindowType {
  TUMBLING("tumbling"),
  HOPPING("hopping"),
  SLIDING("sliding"),
  SESSION("session");

  private final String value;

  WindowType(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
