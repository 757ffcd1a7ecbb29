package dev.tributary.controlplane.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** The writes the audit log records. */
public enum AuditAction {
  TEAM_CREATED("team.created"),
  TEAM_QUOTAS_UPDATED("team.quotas-updated"),
  TEAM_DELETED("team.deleted"),
  PIPELINE_CREATED("pipeline.created"),
  PIPELINE_UPDATED("pipeline.updated"),
  PIPELINE_ROLLED_BACK("pipeline.rolled-back"),
  PIPELINE_ROLLED_BACK_AUTOMATICALLY("pipeline.rolled-back-automatically"),
  PIPELINE_DELETED("pipeline.deleted"),
  PIPELINE_PAUSED("pipeline.paused"),
  PIPELINE_RESUMED("pipeline.resumed"),
  PIPELINE_RESTARTED("pipeline.restarted"),
  PIPELINE_CREDENTIALS_ROTATED("pipeline.credentials-rotated"),
  KAFKA_CREDENTIAL_CREATED("kafka-credential.created"),
  KAFKA_CREDENTIAL_ROTATED("kafka-credential.rotated"),
  KAFKA_CREDENTIAL_PREVIOUS_RETIRED("kafka-credential.previous-retired"),
  KAFKA_CREDENTIAL_DELETED("kafka-credential.deleted");

  private final String value;

  AuditAction(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
