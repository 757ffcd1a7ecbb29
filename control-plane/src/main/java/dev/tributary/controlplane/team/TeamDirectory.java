package dev.tributary.controlplane.team;

import dev.tributary.controlplane.audit.AuditAction;
import dev.tributary.controlplane.audit.AuditLog;
import dev.tributary.controlplane.pipeline.Pipeline;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.security.Caller;
import dev.tributary.controlplane.security.Permission;
import dev.tributary.controlplane.security.TeamAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Teams: who may see them, and the platform admins' changes to them. */
@ApplicationScoped
public class TeamDirectory {

  @Inject dev.tributary.controlplane.credential.TeamKafkaCredentials kafkaCredentials;
  @Inject TeamAccess access;
  @Inject AuditLog audit;
  @Inject TeamDefaults defaults;

  /** The teams the caller may see: all for platform roles, else those they belong to. */
  @Transactional
  public List<TeamView> visible() {
    Caller caller = access.caller();
    // Group names come from the token; one that is no slug names no team.
    List<String> memberOf = caller.teams().keySet().stream().filter(Team::isSlug).toList();
    List<Team> teams =
        caller.isPlatformAdmin() || caller.isPlatformViewer()
            ? Team.<Team>list("order by slug")
            : memberOf.isEmpty()
                ? List.of()
                : Team.<Team>list("slug in ?1 order by slug", memberOf);
    Map<Long, TeamView.Usage> usage = usage(null);
    return teams.stream()
        .map(t -> TeamView.of(t, usage.getOrDefault(t.id, TeamView.Usage.NONE)))
        .toList();
  }

  @Transactional
  public Team get(String slug) {
    return access.require(slug, Permission.READ);
  }

  @Transactional
  public TeamView view(String slug) {
    return view(get(slug));
  }

  @Transactional
  public TeamView create(NewTeam request) {
    if (!access.caller().isPlatformAdmin()) {
      throw Problems.forbidden("only platform-admin may create teams");
    }
    Team team = new Team();
    team.slug = request.slug();
    team.displayName = request.displayName();
    team.namespace = request.namespace() == null ? "team-" + request.slug() : request.namespace();
    team.topicPrefix = request.topicPrefix() == null ? request.slug() + "." : request.topicPrefix();
    team.keycloakGroup = Caller.teamGroup(request.slug());
    setQuotas(
        team,
        request.quotas() == null ? defaults.quotas() : request.quotas().orElse(defaults.quotas()));
    team.createdAt = Instant.now();
    team.updatedAt = team.createdAt;
    // Checked under a table lock so that two creates of one slug cannot both pass.
    Team.getEntityManager()
        .createNativeQuery("lock table team in share row exclusive mode")
        .executeUpdate();
    if (Team.count(
            "slug = ?1 or namespace = ?2 or topicPrefix = ?3",
            team.slug,
            team.namespace,
            team.topicPrefix)
        > 0) {
      throw Problems.conflict(
          "a team already has the slug '"
              + team.slug
              + "', the namespace '"
              + team.namespace
              + "' or the topic prefix '"
              + team.topicPrefix
              + "'");
    }
    team.persist();
    audit.record(AuditAction.TEAM_CREATED, team.slug, null, null, null, ChangeSource.API, null);
    return view(team);
  }

  @Transactional
  public TeamView updateQuotas(String slug, Quotas quotas, String ifMatch) {
    Team team = access.require(slug, Permission.MANAGE_TEAM);
    Team.getEntityManager().refresh(team, LockModeType.PESSIMISTIC_WRITE);
    if (ifMatch == null || ifMatch.isBlank()) {
      throw Problems.preconditionRequired(
          "send If-Match: " + team.etag() + " (from GET) to change the quotas");
    }
    if (!ifMatch.strip().equals(team.etag()) && !ifMatch.strip().equals("*")) {
      throw Problems.preconditionFailed(
          "team '" + slug + "' has ETag " + team.etag() + ", not " + ifMatch + "; read it again");
    }
    Quotas before = team.quotas();
    setQuotas(team, quotas.orElse(before));
    team.updatedAt = Instant.now();
    audit.record(
        AuditAction.TEAM_QUOTAS_UPDATED,
        slug,
        null,
        null,
        null,
        ChangeSource.API,
        "from " + before + " to " + team.quotas());
    Team.getEntityManager().flush();
    return view(team);
  }

  @Transactional
  public void delete(String slug) {
    Team team = access.require(slug, Permission.MANAGE_TEAM);
    Team.getEntityManager().refresh(team, LockModeType.PESSIMISTIC_WRITE);
    long pipelines = Pipeline.count("team", team);
    if (pipelines > 0) {
      throw Problems.conflict(
          "team '" + slug + "' still has " + pipelines + " pipeline(s); delete them first");
    }
    // Its applications' Kafka users and ACLs go with it; a cluster that refuses stops the deletion.
    kafkaCredentials.revokeAll(team);
    audit.record(AuditAction.TEAM_DELETED, slug, null, null, null, ChangeSource.API, null);
    team.delete();
  }

  private TeamView view(Team team) {
    return TeamView.of(team, usage(team.id).getOrDefault(team.id, TeamView.Usage.NONE));
  }

  private static void setQuotas(Team team, Quotas quotas) {
    team.maxPipelines = quotas.maxPipelines();
    team.maxTotalReplicas = quotas.maxTotalReplicas();
    team.maxPartitionsPerTopic = quotas.maxPartitionsPerTopic();
    team.maxTopics = quotas.maxTopics();
    team.maxTotalPartitions = quotas.maxTotalPartitions();
  }

  /**
   * What every team uses (or the one given) in one query, as the quotas count it: a topic named by
   * several of a team's pipelines is one topic, with the most partitions any of them asks for.
   */
  private static Map<Long, TeamView.Usage> usage(Long onlyTeam) {
    String filter = onlyTeam == null ? "" : " where team_id = :team";
    Query query =
        Pipeline.getEntityManager()
            .createNativeQuery(
                """
                select p.team_id, p.pipelines, p.replicas,
                       coalesce(t.topics, 0), coalesce(t.partitions, 0)
                from (select team_id, count(*) as pipelines, sum(max_replicas) as replicas
                      from pipeline%1$s group by team_id) p
                left join (select team_id, count(*) as topics, sum(partitions) as partitions
                           from (select pl.team_id, pt.name, max(pt.partitions) as partitions
                                 from pipeline_topic pt join pipeline pl on pl.id = pt.pipeline_id
                                 group by pl.team_id, pt.name) named%1$s
                           group by team_id) t on t.team_id = p.team_id
                """
                    .formatted(filter));
    if (onlyTeam != null) {
      query.setParameter("team", onlyTeam);
    }
    Map<Long, TeamView.Usage> usage = new HashMap<>();
    for (Object row : query.getResultList()) {
      Object[] columns = (Object[]) row;
      usage.put(
          number(columns[0]),
          new TeamView.Usage(
              number(columns[1]), number(columns[2]), number(columns[3]), number(columns[4])));
    }
    return usage;
  }

  private static long number(Object column) {
    return column == null ? 0 : ((Number) column).longValue();
  }
}
