package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Serialization of record values. Only JSON runs today; Avro and Protobuf are part of the language
 * so that documents can name them, and the validator says clearly that they need a schema registry
 * that is not available yet.
 */
public enum Format {
  JSON("json"),
  AVRO("avro"),
  PROTOBUF("protobuf");

  private final String value;

  Format(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
