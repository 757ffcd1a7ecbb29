package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

public enum JoinType {
  INNER("inner"),
  LEFT("left"),
  OUTER("outer");

  private final String value;

  JoinType(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
