package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

public enum AggregateFunction {
  COUNT("count"),
  SUM("sum"),
  MIN("min"),
  MAX("max"),
  AVG("avg"),
  FIRST("first"),
  LAST("last"),
  COLLECT("collect");

  private final String value;

  AggregateFunction(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
