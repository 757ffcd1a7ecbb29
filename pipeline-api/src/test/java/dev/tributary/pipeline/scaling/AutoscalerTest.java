package dev.tributary.pipeline.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.scaling.Autoscaler.Recommendation;
import dev.tributary.pipeline.spec.AutoscalingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalerTest {

  private static final Instant NOW = Instant.parse("2026-11-26T05:00:00Z");
  private static final ReplicaBounds ONE_TO_EIGHT = new ReplicaBounds(1, 8, 12, false);
  private static final AutoscalingSpec LAG_30S =
      new AutoscalingSpec(null, Duration.ofSeconds(30), null, Duration.ofMinutes(5));

  @Test
  void lagThreeTimesTheTargetTriplesTheReplicas() {
    ScalingDecision decision =
        Autoscaler.decide(NOW, 2, ONE_TO_EIGHT, LAG_30S, 50_000, Duration.ofSeconds(90), List.of());

    assertThat(decision.replicas()).isEqualTo(6);
    assertThat(decision.reason()).contains("scaling up to 6");
  }

  @Test
  void scaleUpNeverPassesTheUpperBound() {
    ScalingDecision decision =
        Autoscaler.decide(
            NOW, 4, ONE_TO_EIGHT, LAG_30S, 10_000_000, Duration.ofMinutes(30), List.of());

    assertThat(decision.replicas()).isEqualTo(8);
  }

  @Test
  void lagWithinTenPercentOfTheTargetChangesNothing() {
    ScalingDecision decision =
        Autoscaler.decide(NOW, 3, ONE_TO_EIGHT, LAG_30S, 1_000, Duration.ofSeconds(32), List.of());

    assertThat(decision.replicas()).isEqualTo(3);
  }

  @Test
  void scaleDownWaitsWhileAnyRecommendationInTheWindowWantedMore() {
    List<Recommendation> history =
        List.of(
            new Recommendation(NOW.minusSeconds(120), 5),
            new Recommendation(NOW.minusSeconds(60), 2));

    ScalingDecision decision =
        Autoscaler.decide(NOW, 5, ONE_TO_EIGHT, LAG_30S, 0, Duration.ZERO, history);

    assertThat(decision.recommendation()).isEqualTo(1);
    assertThat(decision.replicas()).isEqualTo(5);
    assertThat(decision.reason()).contains("holding 5 replicas");
  }

  @Test
  void scaleDownHappensOnceTheWindowAgrees() {
    List<Recommendation> history =
        List.of(
            new Recommendation(NOW.minusSeconds(600), 5),
            new Recommendation(NOW.minusSeconds(200), 2));

    ScalingDecision decision =
        Autoscaler.decide(NOW, 5, ONE_TO_EIGHT, LAG_30S, 0, Duration.ZERO, history);

    assertThat(decision.replicas()).isEqualTo(2);
    assertThat(decision.reason()).contains("scaling down to 2");
  }

  @Test
  void recordTargetCountsWhenItIsTheFurthestFromTarget() {
    AutoscalingSpec both = new AutoscalingSpec(true, Duration.ofMinutes(10), 10_000L, null);

    ScalingDecision decision =
        Autoscaler.decide(NOW, 1, ONE_TO_EIGHT, both, 40_000, Duration.ofSeconds(5), List.of());

    assertThat(decision.replicas()).isEqualTo(4);
  }

  @Test
  void fixedBoundsAreNotAutoscaled() {
    ScalingDecision decision =
        Autoscaler.decide(
            NOW,
            1,
            new ReplicaBounds(3, 3, 12, false),
            LAG_30S,
            1_000_000,
            Duration.ofHours(1),
            List.of());

    assertThat(decision.replicas()).isEqualTo(3);
    assertThat(decision.reason()).contains("autoscaling is off");
  }
}
