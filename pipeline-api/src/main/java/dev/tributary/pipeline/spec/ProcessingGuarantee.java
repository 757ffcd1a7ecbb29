package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kafka Streams' processing.guarantee values. */
public enum ProcessingGuarantee {
  EXACTLY_ONCE_V2("exactly_once_v2"),
  AT_LEAST_ONCE("at_least_once");

  private final String value;

  ProcessingGuarantee(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
