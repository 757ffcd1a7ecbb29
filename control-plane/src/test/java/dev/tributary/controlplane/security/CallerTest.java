package dev.tributary.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the groups claim and realm roles of a token become team memberships and platform roles. */
class CallerTest {

  @Test
  void teamRoleGroupMakesAMember() {
    Caller caller = Caller.of("pat", Set.of(), List.of("/teams/payments/team-developer"));

    assertThat(caller.teams()).isEqualTo(Map.of("payments", TeamRole.DEVELOPER));
  }

  @Test
  void strongestRoleInOneTeamWins() {
    Caller caller =
        Caller.of(
            "pat", Set.of(), List.of("/teams/payments/team-viewer", "/teams/payments/team-admin"));

    assertThat(caller.roleIn("payments")).contains(TeamRole.ADMIN);
  }

  @Test
  void groupsThatAreNotTeamRolesAreIgnored() {
    Caller caller =
        Caller.of(
            "pat",
            Set.of(),
            List.of(
                "/teams/payments",
                "/teams/payments/owner",
                "/other/payments/team-admin",
                "/teams//team-admin",
                "/teams/a/b/team-admin"));

    assertThat(caller.teams()).isEmpty();
  }

  @Test
  void platformRolesComeFromRealmRolesOnly() {
    Caller caller =
        Caller.of("ada", Set.of("platform-admin", "offline_access", "team-admin"), List.of());

    assertThat(caller.platformRoles()).containsExactly(PlatformRole.ADMIN);
    assertThat(caller.teams()).isEmpty();
  }

  @Test
  void platformViewerReadsEveryTeamButChangesNothing() {
    Caller viewer = Caller.of("vera", Set.of("platform-viewer"), List.of());

    assertThat(viewer.may(Permission.READ, "anything")).isTrue();
    assertThat(viewer.may(Permission.WRITE_PIPELINES, "anything")).isFalse();
    assertThat(viewer.may(Permission.READ_AUDIT, "anything")).isFalse();
  }

  @Test
  void teamAdminReadsTheAuditLogButDoesNotManageTheTeam() {
    Caller admin = Caller.of("pam", Set.of(), List.of("/teams/payments/team-admin"));

    assertThat(admin.may(Permission.READ_AUDIT, "payments")).isTrue();
    assertThat(admin.may(Permission.MANAGE_TEAM, "payments")).isFalse();
    assertThat(admin.may(Permission.READ, "logistics")).isFalse();
  }
}
