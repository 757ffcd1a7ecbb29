package dev.tributary.controlplane.status;

import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.pipeline.Pipeline;
import dev.tributary.controlplane.pipeline.PipelineCatalog;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.security.Caller;
import dev.tributary.controlplane.security.Permission;
import dev.tributary.controlplane.security.TeamAccess;
import dev.tributary.controlplane.team.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What runs, as the deploy target reports it, for the catalog's pipelines: one pipeline, a team's
 * totals, or the platform's totals over every team. Reads the catalog and asks the deploy target;
 * writes nothing.
 */
@ApplicationScoped
public class StatusService {

  @Inject TeamAccess access;
  @Inject DeployTarget deployTarget;

  /**
   * @param since the first instant of the throughput history to return
   */
  @Transactional
  public PipelineStatusView pipelineStatus(String teamSlug, String name, Instant since) {
    Team team = access.require(teamSlug, Permission.READ);
    Pipeline pipeline = PipelineCatalog.existing(team, name);
    return view(pipeline, deployTarget.status(pipeline.ref()).seriesSince(since));
  }

  /** Points of each pipeline's throughput in a team's status: enough for a sparkline. */
  static final int SPARKLINE_POINTS = 30;

  /**
   * The team's totals with their history since {@code since}, and each pipeline in short, with its
   * history over the same window thinned to {@value #SPARKLINE_POINTS} points.
   */
  @Transactional
  public TeamStatusView teamStatus(String teamSlug, Instant since) {
    Team team = access.require(teamSlug, Permission.READ);
    Map<PipelineRef, DeploymentStatus> statuses = new LinkedHashMap<>();
    List<Pipeline> rows = Pipeline.<Pipeline>find("team = ?1 order by name", team).list();
    for (Pipeline pipeline : rows) {
      statuses.put(pipeline.ref(), deployTarget.status(pipeline.ref()));
    }
    StatusTotals totals = StatusTotals.of(statuses).seriesSince(since);
    List<PipelineStatusView> pipelines =
        rows.stream()
            .map(p -> view(p, statuses.get(p.ref()).summary(since, SPARKLINE_POINTS)))
            .toList();
    return new TeamStatusView(
        team.slug, deployTarget.name(), totals.phases(), totals.lagRecords(), totals, pipelines);
  }

  /** Every team's pipelines summed up; for platform roles only. */
  @Transactional
  public PlatformStatusView platformStatus(Instant since) {
    Caller caller = access.caller();
    if (!caller.isPlatformAdmin() && !caller.isPlatformViewer()) {
      throw Problems.forbidden(
          "the platform's status is for platform-admin and platform-viewer; read your team's at"
              + " /api/v1/teams/{team}/status");
    }
    Map<String, Map<PipelineRef, DeploymentStatus>> byTeam = new TreeMap<>();
    Map<PipelineRef, DeploymentStatus> all = new LinkedHashMap<>();
    for (Pipeline pipeline : Pipeline.<Pipeline>find("order by team.slug, name").list()) {
      DeploymentStatus status = deployTarget.status(pipeline.ref());
      all.put(pipeline.ref(), status);
      byTeam
          .computeIfAbsent(pipeline.team.slug, t -> new LinkedHashMap<>())
          .put(pipeline.ref(), status);
    }
    return new PlatformStatusView(
        deployTarget.name(),
        StatusTotals.of(all).seriesSince(since),
        byTeam.entrySet().stream()
            .map(
                e ->
                    new PlatformStatusView.TeamTotals(
                        e.getKey(), StatusTotals.of(e.getValue()).withoutSeries()))
            .toList());
  }

  private PipelineStatusView view(Pipeline pipeline, DeploymentStatus status) {
    return PipelineStatusView.of(
        pipeline.team.slug,
        pipeline.name,
        pipeline.currentRevision,
        pipeline.state.value(),
        deployTarget.name(),
        status,
        pipeline.automaticRollbackRevision == null
            ? null
            : new PipelineStatusView.AutomaticRollback(
                pipeline.automaticRollbackFrom,
                pipeline.automaticRollbackTo,
                pipeline.automaticRollbackRevision,
                pipeline.automaticRollbackAt,
                pipeline.automaticRollbackReason));
  }
}
