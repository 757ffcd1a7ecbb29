package dev.tributary.controlplane.security;

import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.team.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one place that decides whether the caller may act on a team. Every team-scoped endpoint
 * starts here, so no object of a team is read or changed without this check. A team the caller may
 * not know of is "not found", exactly like a team that does not exist.
 */
@ApplicationScoped
public class TeamAccess {

  @Inject CurrentCaller caller;

  /** The team, when the caller may do this in it; otherwise a 404 or 403 problem. */
  public Team require(String slug, Permission permission) {
    Caller who = caller.get();
    if (!who.mayKnow(slug)) {
      throw Problems.teamNotFound(slug);
    }
    Team team = Team.findBySlug(slug).orElseThrow(() -> Problems.teamNotFound(slug));
    if (!who.may(permission, slug)) {
      throw Problems.forbidden(denial(who, permission, slug));
    }
    return team;
  }

  public Caller caller() {
    return caller.get();
  }

  private static String denial(Caller who, Permission permission, String team) {
    String role =
        who.roleIn(team)
            .map(r -> "your role in team '" + team + "' is " + r.value())
            .orElse(
                "your platform role is " + (who.isPlatformViewer() ? "platform-viewer" : "none"));
    return switch (permission) {
      case READ -> role + ", which cannot read it";
      case WRITE_PIPELINES -> role + "; changing pipelines needs team-developer or team-admin";
      case READ_AUDIT -> role + "; the audit log is for team-admin and platform-admin";
      case MANAGE_KAFKA_CREDENTIALS ->
          role + "; Kafka credentials are for team-admin and platform-admin";
      case MANAGE_TEAM -> "only platform-admin may change or delete teams";
    };
  }
}
