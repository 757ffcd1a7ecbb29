package dev.tributary.pipeline.crd;

import com.fasterxml.jackson.annotation.JsonValue;

/** The phase shown to people; machines should read conditions. */
public enum PipelinePhase {
  PENDING("Pending"),
  PROVISIONING("Provisioning"),
  RUNNING("Running"),
  DEGRADED("Degraded"),
  PAUSED("Paused"),
  FAILED("Failed"),
  DELETING("Deleting");

  private final String value;

  PipelinePhase(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
