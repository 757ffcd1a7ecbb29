package dev.tributary.pipeline.scaling;

import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.spec.AutoscalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The autoscaling decision shared by the Kubernetes operator and the local runtime. It follows the
 * Horizontal Pod Autoscaler's algorithm, with lag as the metric: the replicas wanted grow in
 * proportion to how far the lag is above its target ({@code ceil(current × lag / target)}), changes
 * within a 10% tolerance are ignored, scale-ups happen at once, and a scale-down waits until every
 * recommendation in the stabilisation window agrees, so replicas do not flap.
 */
public final class Autoscaler {

  public static final Duration DEFAULT_STABILIZATION_WINDOW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TARGET_LAG = Duration.ofSeconds(60);
  static final double TOLERANCE = 0.1;

  private Autoscaler() {}

  /** A past recommendation, kept by the caller. */
  public record Recommendation(Instant at, int replicas) {}

  /**
   * @param current replicas running now
   * @param lagRecords total lag of the pipeline's inputs, in records
   * @param lagTime how far behind in time the pipeline is: the age of its oldest unprocessed record
   * @param history recommendations made before, any order; older ones than the window are ignored
   */
  public static ScalingDecision decide(
      Instant now,
      int current,
      ReplicaBounds bounds,
      AutoscalingSpec spec,
      long lagRecords,
      Duration lagTime,
      List<Recommendation> history) {
    boolean enabled =
        spec == null || spec.enabled() == null ? bounds.max() > bounds.min() : spec.enabled();
    if (!enabled || bounds.max() == bounds.min()) {
      int fixed = bounds.clamp(current == 0 ? bounds.min() : current);
      return new ScalingDecision(
          bounds.min() == bounds.max() ? bounds.min() : fixed,
          fixed,
          "autoscaling is off; replicas stay within [" + bounds.min() + ", " + bounds.max() + "]");
    }
    int base = Math.max(current, 1);
    double ratio = ratio(spec, lagRecords, lagTime);
    int recommendation = Math.abs(ratio - 1.0) <= TOLERANCE ? base : (int) Math.ceil(base * ratio);
    recommendation = bounds.clamp(recommendation);

    Duration window =
        spec == null || spec.stabilizationWindow() == null
            ? DEFAULT_STABILIZATION_WINDOW
            : spec.stabilizationWindow();
    int stabilized = recommendation;
    for (Recommendation past : history) {
      if (!past.at().isBefore(now.minus(window))) {
        stabilized = Math.max(stabilized, past.replicas());
      }
    }
    int replicas =
        bounds.clamp(recommendation >= current ? recommendation : Math.min(current, stabilized));
    String reason;
    if (replicas > current) {
      reason =
          "lag "
              + lagRecords
              + " records / "
              + lagTime.toSeconds()
              + "s is above target; scaling up to "
              + replicas;
    } else if (replicas < current) {
      reason =
          "lag has stayed below target for "
              + window.toMinutes()
              + "m; scaling down to "
              + replicas;
    } else if (recommendation < current) {
      reason = "lag is below target; holding " + current + " replicas for the stabilisation window";
    } else {
      reason = "lag is on target with " + current + " replicas";
    }
    return new ScalingDecision(replicas, recommendation, reason);
  }

  /** How far the lag is from its targets: the larger of the two ratios that are set. */
  private static double ratio(AutoscalingSpec spec, long lagRecords, Duration lagTime) {
    Duration targetLag = spec == null || spec.targetLag() == null ? null : spec.targetLag();
    Long targetRecords = spec == null ? null : spec.targetLagRecords();
    if (targetLag == null && targetRecords == null) {
      targetLag = DEFAULT_TARGET_LAG;
    }
    double ratio = 0;
    if (targetLag != null) {
      ratio = Math.max(ratio, lagTime.toMillis() / (double) Math.max(1, targetLag.toMillis()));
    }
    if (targetRecords != null) {
      ratio = Math.max(ratio, lagRecords / (double) targetRecords);
    }
    return ratio;
  }
}
