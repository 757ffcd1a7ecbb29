package dev.tributary.localruntime.status;

import java.util.List;

/** A team's pipelines summed up, with each pipeline's name, phase and lag. */
public record TeamSummary(String team, PipelineTotals totals, List<PipelineLine> pipelines) {

  public TeamSummary {
    pipelines = List.copyOf(pipelines);
  }

  /** One pipeline in a team's list. */
  public record PipelineLine(String name, String phase, long lagRecords, String lagStatus,
      int readyReplicas, int desiredReplicas) {

    static PipelineLine of(PipelineReport report) {
      return new PipelineLine(report.name(), report.status().phase().value(),
          report.lag().totalRecords(), report.lag().status().name(),
          report.status().readyReplicas(), report.status().desiredReplicas());
    }
  }

  public static TeamSummary of(String team, List<PipelineReport> reports) {
    List<PipelineReport> own = reports.stream().filter(r -> r.team().equals(team)).toList();
    return new TeamSummary(team, PipelineTotals.of(own), own.stream().map(PipelineLine::of).toList());
  }
}
