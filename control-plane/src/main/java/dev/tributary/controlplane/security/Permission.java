package dev.tributary.controlplane.security;

/** What a caller wants to do within one team. */
public enum Permission {
  /** Read the team, its pipelines, revisions, explain and status; validate documents. */
  READ,
  /** Create, replace, delete, roll back, pause, resume and restart pipelines. */
  WRITE_PIPELINES,
  /** List the team's audit log. */
  READ_AUDIT,
  /** Create, list, rotate and delete the Kafka credentials of the team's applications. */
  MANAGE_KAFKA_CREDENTIALS,
  /** Change the team itself: quotas, deletion. */
  MANAGE_TEAM;

  /** The weakest team role that may do this; null when only platform admins may. */
  TeamRole weakestTeamRole() {
    return switch (this) {
      case READ -> TeamRole.VIEWER;
      case WRITE_PIPELINES -> TeamRole.DEVELOPER;
      case READ_AUDIT, MANAGE_KAFKA_CREDENTIALS -> TeamRole.ADMIN;
      case MANAGE_TEAM -> null;
    };
  }

  boolean allowsPlatformViewer() {
    return this == READ;
  }
}
