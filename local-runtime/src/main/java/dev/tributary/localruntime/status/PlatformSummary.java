package dev.tributary.localruntime.status;

import java.util.List;
import java.util.TreeSet;

/** Every pipeline on this runtime summed up, and each team's share. */
public record PlatformSummary(PipelineTotals totals, List<TeamSummary> teams) {

  public PlatformSummary {
    teams = List.copyOf(teams);
  }

  public static PlatformSummary of(List<PipelineReport> reports) {
    TreeSet<String> teams = new TreeSet<>();
    reports.forEach(r -> teams.add(r.team()));
    return new PlatformSummary(PipelineTotals.of(reports),
        teams.stream().map(team -> TeamSummary.of(team, reports)).toList());
  }
}
