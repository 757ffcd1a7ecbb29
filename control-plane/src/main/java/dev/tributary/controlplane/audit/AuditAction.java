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
  PIPELINE_DELETED("pipeline.deleted"),
  PIPELINE_PAUSED("pipeline.paused"),
  PIPELINE_RESUMED("pipeline.resumed"),
  PIPELINE_RESTARTED("pipeline.restarted");

  private final String value;

  AuditAction(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
