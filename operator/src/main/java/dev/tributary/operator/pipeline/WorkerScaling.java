package dev.tributary.operator.pipeline;

import dev.tributary.pipeline.crd.LagSummary;
import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.scaling.Autoscaler;
import dev.tributary.pipeline.spec.AutoscalingSpec;
import dev.tributary.runtime.metrics.PipelineMetrics;
import java.time.Duration;
import java.time.Instant;

/**
 * How many workers a pipeline runs: the spec's {@code replicas.min} when autoscaling is off, else
 * runtime-core's shared {@link Autoscaler} from the lag measured in the last round (the same
 * decision the local target makes). Scale-ups happen at once; a scale-down waits until every
 * recommendation in the stabilisation window agrees. Never more than the input partitions: the
 * bounds are clamped to them ({@code Planner.replicaBounds}).
 *
 * @param replicas the workers to run
 * @param autoscaled whether the autoscaler decided
 * @param capped whether more replicas were asked for than there are input partitions
 * @param message why, for the {@code Scaling} condition
 * @param decideAgainIn when a scale-down is held for the stabilisation window: how long until the
 *     window no longer holds it, so that the reconciler looks again then; null otherwise
 */
record WorkerScaling(
    int replicas, boolean autoscaled, boolean capped, String message, Duration decideAgainIn) {

  static boolean enabled(AutoscalingSpec spec, ReplicaBounds bounds) {
    boolean wanted =
        spec == null || spec.enabled() == null ? bounds.max() > bounds.min() : spec.enabled();
    return wanted && bounds.max() > bounds.min();
  }

  /**
   * @param current the replicas wanted at the last reconciliation, null for none
   * @param metrics what was measured of the pipeline; its past recommendations are kept there
   */
  static WorkerScaling decide(
      Instant now,
      Integer current,
      ReplicaBounds bounds,
      AutoscalingSpec spec,
      PipelineMetrics metrics,
      LagSummary lag) {
    if (!enabled(spec, bounds)) {
      return new WorkerScaling(
          bounds.min(),
          false,
          bounds.cappedByPartitions(),
          "autoscaling is off; the spec's " + bounds.min() + " replicas run" + capped(bounds),
          null);
    }
    int running = current == null || current == 0 ? bounds.min() : bounds.clamp(current);
    if (lag == null || metrics == null) {
      return new WorkerScaling(
          running, true, false, "lag not measured yet; holding " + running + " replicas", null);
    }
    var decision =
        Autoscaler.decide(
            now,
            running,
            bounds,
            spec,
            lag.totalRecords(),
            Duration.ofSeconds(lag.seconds()),
            metrics.recommendations());
    Duration window =
        spec == null || spec.stabilizationWindow() == null
            ? Autoscaler.DEFAULT_STABILIZATION_WINDOW
            : spec.stabilizationWindow();
    Duration decideAgainIn = null;
    if (decision.recommendation() < decision.replicas()) {
      Instant held = now;
      for (Autoscaler.Recommendation past : metrics.recommendations()) {
        if (past.replicas() > decision.recommendation() && past.at().plus(window).isAfter(held)) {
          held = past.at().plus(window);
        }
      }
      decideAgainIn = Duration.between(now, held).plusSeconds(1);
    }
    metrics.recommended(new Autoscaler.Recommendation(now, decision.recommendation()), window);
    boolean capped =
        bounds.cappedByPartitions()
            && decision.replicas() == bounds.max()
            && decision.recommendation() >= bounds.max();
    return new WorkerScaling(
        decision.replicas(), true, capped, decision.reason() + capped(bounds), decideAgainIn);
  }

  private static String capped(ReplicaBounds bounds) {
    return bounds.cappedByPartitions()
        ? "; at most " + bounds.tasks() + " replicas, one per input partition"
        : "";
  }
}
