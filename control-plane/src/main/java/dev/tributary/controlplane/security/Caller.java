package dev.tributary.controlplane.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who is calling, as the bearer token says: platform roles from the realm roles, and team
 * memberships from the {@code groups} claim, where membership of the Keycloak group {@code
 * /teams/<slug>/<team role>} makes the caller a member of team {@code <slug>} in that role. Several
 * groups of one team give the strongest of their roles.
 *
 * @param username the token's {@code preferred_username}, else its subject
 */
public record Caller(
    String username, Set<PlatformRole> platformRoles, Map<String, TeamRole> teams) {

  public static final String TEAM_GROUPS_ROOT = "/teams/";

  public Caller {
    platformRoles =
        platformRoles.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(platformRoles));
    teams = Collections.unmodifiableMap(new TreeMap<>(teams));
  }

  /** Reads the memberships from group paths; paths that are not team role groups are ignored. */
  public static Caller of(String username, Set<String> realmRoles, Iterable<String> groups) {
    Set<PlatformRole> platform = EnumSet.noneOf(PlatformRole.class);
    for (PlatformRole role : PlatformRole.values()) {
      if (realmRoles.contains(role.value())) {
        platform.add(role);
      }
    }
    Map<String, TeamRole> teams = new TreeMap<>();
    for (String group : groups) {
      membership(group)
          .ifPresent(m -> teams.merge(m.team(), m.role(), (a, b) -> a.atLeast(b) ? a : b));
    }
    return new Caller(username, platform, teams);
  }

  public static String teamGroup(String slug) {
    return TEAM_GROUPS_ROOT + slug;
  }

  public boolean isPlatformAdmin() {
    return platformRoles.contains(PlatformRole.ADMIN);
  }

  public boolean isPlatformViewer() {
    return platformRoles.contains(PlatformRole.VIEWER);
  }

  /** Whether the caller may know that a team exists: members and platform roles. */
  public boolean mayKnow(String team) {
    return isPlatformAdmin() || isPlatformViewer() || teams.containsKey(team);
  }

  public Optional<TeamRole> roleIn(String team) {
    return Optional.ofNullable(teams.get(team));
  }

  public boolean may(Permission permission, String team) {
    if (isPlatformAdmin()) {
      return true;
    }
    if (isPlatformViewer() && permission.allowsPlatformViewer()) {
      return true;
    }
    TeamRole weakest = permission.weakestTeamRole();
    return weakest != null && roleIn(team).map(r -> r.atLeast(weakest)).orElse(false);
  }

  private record Membership(String team, TeamRole role) {}

  private static Optional<Membership> membership(String group) {
    if (group == null || !group.startsWith(TEAM_GROUPS_ROOT)) {
      return Optional.empty();
    }
    String[] parts = group.substring(TEAM_GROUPS_ROOT.length()).split("/");
    if (parts.length != 2 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    return TeamRole.parse(parts[1]).map(role -> new Membership(parts[0], role));
  }
}
