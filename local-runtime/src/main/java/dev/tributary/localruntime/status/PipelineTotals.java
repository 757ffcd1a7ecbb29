package dev.tributary.localruntime.status;

import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.scaling.LagEvaluation;
import dev.tributary.pipeline.scaling.LagStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A group of pipelines summed up: one team's, or the whole platform's.
 *
 * @param phases how many pipelines are in each phase
 * @param worstLagStatus the worst lag status of the pipelines that run (paused ones excluded)
 * @param series throughput summed per collection, oldest first
 * @param needAttention pipelines ({@code team/name}) that failed, are degraded, or whose lag is
 *     growing, stalled or stopped while they should run
 */
public record PipelineTotals(
    int pipelines,
    Map<String, Integer> phases,
    int replicas,
    int readyReplicas,
    int desiredReplicas,
    long lagRecords,
    LagStatus worstLagStatus,
    double inRecordsPerSecond,
    double outRecordsPerSecond,
    List<RatePoint> series,
    int restarts,
    long deadLetteredRecords,
    long stateStoreBytes,
    int storesRestoring,
    List<String> needAttention) {

  private static final Set<LagStatus> BAD_LAG = Set.of(LagStatus.GROWING, LagStatus.STALLED, LagStatus.STOPPED);

  public PipelineTotals {
    phases = Map.copyOf(phases);
    series = List.copyOf(series);
    needAttention = List.copyOf(needAttention);
  }

  public static PipelineTotals of(List<PipelineReport> reports) {
    Map<String, Integer> phases = new TreeMap<>();
    Map<String, double[]> series = new TreeMap<>();
    List<LagStatus> lagStatuses = new ArrayList<>();
    List<String> attention = new ArrayList<>();
    int replicas = 0, ready = 0, desired = 0, restarts = 0, restoring = 0;
    long lag = 0, deadLetters = 0, bytes = 0;
    double in = 0, out = 0;
    for (PipelineReport report : reports) {
      PipelineStatus status = report.status();
      phases.merge(status.phase().value(), 1, Integer::sum);
      replicas += status.replicas();
      ready += status.readyReplicas();
      desired += status.desiredReplicas();
      restarts += report.restarts();
      lag += report.lag().totalRecords();
      deadLetters += report.deadLetteredRecords();
      in += report.throughput().inRecordsPerSecond();
      out += report.throughput().outRecordsPerSecond();
      for (StoreReport store : report.stores()) {
        bytes += store.sizeOnDiskBytes();
        restoring += "restoring".equals(store.status()) ? 1 : 0;
      }
      // Every pipeline is sampled in the same collection, so points line up by their time.
      for (RatePoint point : report.throughput().series()) {
        double[] sum = series.computeIfAbsent(point.at(), at -> new double[2]);
        sum[0] += point.inRecordsPerSecond();
        sum[1] += point.outRecordsPerSecond();
      }
      boolean paused = status.phase() == PipelinePhase.PAUSED;
      if (!paused) {
        lagStatuses.add(report.lag().status());
      }
      if (status.phase() == PipelinePhase.FAILED || status.phase() == PipelinePhase.DEGRADED
          || (!paused && BAD_LAG.contains(report.lag().status()))) {
        attention.add(report.team() + "/" + report.name());
      }
    }
    List<RatePoint> points = new ArrayList<>();
    series.forEach((at, sum) -> points.add(new RatePoint(at, sum[0], sum[1])));
    return new PipelineTotals(reports.size(), phases, replicas, ready, desired, lag,
        LagEvaluation.worst(lagStatuses), in, out, points, restarts, deadLetters, bytes, restoring, attention);
  }
}
