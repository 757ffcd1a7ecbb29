package dev.tributary.controlplane.security;

import com.fasterxml.jackson.annotation.JsonValue;

/** Roles across all teams, given as Keycloak realm roles. */
public enum PlatformRole {
  /** Sees and changes everything, and alone creates teams and sets quotas. */
  ADMIN("platform-admin"),
  /** Sees every team's pipelines and status; changes nothing. */
  VIEWER("platform-viewer");

  private final String value;

  PlatformRole(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }
}
