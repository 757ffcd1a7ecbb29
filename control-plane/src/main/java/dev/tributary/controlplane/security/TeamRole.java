package dev.tributary.controlplane.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** A member's role in one team, weakest first. */
public enum TeamRole {
  VIEWER("team-viewer"),
  DEVELOPER("team-developer"),
  ADMIN("team-admin");

  private final String value;

  TeamRole(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  public static Optional<TeamRole> parse(String value) {
    for (TeamRole role : values()) {
      if (role.value.equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  public boolean atLeast(TeamRole other) {
    return compareTo(other) >= 0;
  }
}
