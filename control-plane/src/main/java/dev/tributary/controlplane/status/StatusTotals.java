package dev.tributary.controlplane.status;

import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.deploy.DeploymentStatus.RatePoint;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.scaling.LagEvaluation;
import dev.tributary.pipeline.scaling.LagStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Pipelines summed up: one team's, or the whole platform's. Sums are over the pipelines the deploy
 * target measured ({@code measuredPipelines}); a sum is null when it measured none, never zero for
 * "unknown".
 */
@Schema(name = "StatusTotals")
public record StatusTotals(
    @Schema(description = "Pipelines in the catalog.") int pipelines,
    @Schema(description = "Pipelines the deploy target measured (lag, throughput).")
        int measuredPipelines,
    @Schema(example = "{\"Running\": 3, \"Paused\": 1}") Map<String, Integer> phases,
    Integer desiredReplicas,
    Integer readyReplicas,
    Long lagRecords,
    @Schema(
            description =
                "The worst lag status of the pipelines that should run (paused excluded).",
            enumeration = {"OK", "GROWING", "STALLED", "STOPPED", "UNKNOWN"})
        String worstLagStatus,
    Double inRecordsPerSecond,
    Double outRecordsPerSecond,
    @Schema(
            description =
                "Throughput and lag records summed per collection, oldest first; lag seconds the"
                    + " largest of the pipelines'.")
        List<RatePoint> series,
    Integer restarts,
    Long deadLetteredRecords,
    @Schema(description = "State on disk, over every store and replica.") Long stateStoreBytes,
    @Schema(description = "State stores restoring from their changelog now.")
        Integer storesRestoring,
    @Schema(
            description =
                "Pipelines (`team/name`) that failed, are degraded, or whose lag grows, stalls or"
                    + " stops while they should run.")
        List<String> needAttention) {

  private static final Set<String> BAD_LAG = Set.of("GROWING", "STALLED", "STOPPED");

  public StatusTotals {
    phases = Map.copyOf(phases);
    series = List.copyOf(series);
    needAttention = List.copyOf(needAttention);
  }

  public static StatusTotals of(Map<PipelineRef, DeploymentStatus> statuses) {
    Map<String, Integer> phases = new TreeMap<>();
    Map<Instant, SeriesPoint> series = new TreeMap<>();
    List<String> attention = new ArrayList<>();
    int measured = 0;
    Sum desired = new Sum();
    Sum ready = new Sum();
    Sum lag = new Sum();
    Sum restarts = new Sum();
    Sum deadLetters = new Sum();
    Sum bytes = new Sum();
    Sum restoring = new Sum();
    double in = 0;
    double out = 0;
    boolean ratesKnown = false;
    List<LagStatus> lagStatuses = new ArrayList<>();
    for (Map.Entry<PipelineRef, DeploymentStatus> entry : statuses.entrySet()) {
      DeploymentStatus status = entry.getValue();
      phases.merge(status.phase().value(), 1, Integer::sum);
      if (status.replicas() != null) {
        desired.add(status.replicas().desired());
        ready.add(status.replicas().ready());
      }
      restarts.add(status.restarts());
      deadLetters.add(status.deadLetteredRecords());
      for (DeploymentStatus.StateStoreHealth store : status.stateStores()) {
        bytes.add(store.sizeOnDiskBytes());
        restoring.add("restoring".equals(store.state()) ? 1 : 0);
      }
      boolean paused = status.phase() == PipelinePhase.PAUSED;
      boolean measuredHere = false;
      if (status.lag() != null && status.lag().totalRecords() != null) {
        measuredHere = true;
        lag.add(status.lag().totalRecords());
        if (!paused) {
          lagStatuses.add(LagStatus.valueOf(status.lag().status()));
        }
      }
      if (status.throughput() != null && status.throughput().inRecordsPerSecond() != null) {
        measuredHere = true;
        ratesKnown = true;
        in += status.throughput().inRecordsPerSecond();
        out += orZero(status.throughput().outRecordsPerSecond());
        for (RatePoint point : status.throughput().series()) {
          series.computeIfAbsent(point.at(), at -> new SeriesPoint()).add(point);
        }
      }
      measured += measuredHere ? 1 : 0;
      boolean badLag = !paused && status.lag() != null && BAD_LAG.contains(status.lag().status());
      if (status.phase() == PipelinePhase.FAILED
          || status.phase() == PipelinePhase.DEGRADED
          || badLag) {
        attention.add(entry.getKey().team() + "/" + entry.getKey().name());
      }
    }
    List<RatePoint> points = new ArrayList<>();
    series.forEach((at, sum) -> points.add(sum.point(at)));
    return new StatusTotals(
        statuses.size(),
        measured,
        phases,
        desired.intValue(),
        ready.intValue(),
        lag.value(),
        lagStatuses.isEmpty() ? null : LagEvaluation.worst(lagStatuses).name(),
        ratesKnown ? in : null,
        ratesKnown ? out : null,
        points,
        restarts.intValue(),
        deadLetters.value(),
        bytes.value(),
        restoring.intValue(),
        attention);
  }

  /** The same totals without the series, for lists. */
  public StatusTotals withoutSeries() {
    return new StatusTotals(
        pipelines,
        measuredPipelines,
        phases,
        desiredReplicas,
        readyReplicas,
        lagRecords,
        worstLagStatus,
        inRecordsPerSecond,
        outRecordsPerSecond,
        List.of(),
        restarts,
        deadLetteredRecords,
        stateStoreBytes,
        storesRestoring,
        needAttention);
  }

  /** The same totals with the series cut to the points at or after {@code since}. */
  public StatusTotals seriesSince(Instant since) {
    return new StatusTotals(
        pipelines,
        measuredPipelines,
        phases,
        desiredReplicas,
        readyReplicas,
        lagRecords,
        worstLagStatus,
        inRecordsPerSecond,
        outRecordsPerSecond,
        series.stream().filter(p -> !p.at().isBefore(since)).toList(),
        restarts,
        deadLetteredRecords,
        stateStoreBytes,
        storesRestoring,
        needAttention);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  /** A sum that stays null until a known value is added. */
  /** The pipelines' points of one collection, summed; lag seconds the largest. */
  private static final class SeriesPoint {
    private double in;
    private double out;
    private final Sum lagRecords = new Sum();
    private Double lagSeconds;

    void add(RatePoint point) {
      in += point.inRecordsPerSecond();
      out += point.outRecordsPerSecond();
      lagRecords.add(point.lagRecords());
      if (point.lagSeconds() != null) {
        lagSeconds =
            lagSeconds == null ? point.lagSeconds() : Math.max(lagSeconds, point.lagSeconds());
      }
    }

    RatePoint point(Instant at) {
      return new RatePoint(at, in, out, lagRecords.value(), lagSeconds);
    }
  }

  private static final class Sum {
    private Long total;

    void add(Number value) {
      if (value != null) {
        total = (total == null ? 0 : total) + value.longValue();
      }
    }

    Long value() {
      return total;
    }

    Integer intValue() {
      return total == null ? null : Math.toIntExact(total);
    }
  }
}
