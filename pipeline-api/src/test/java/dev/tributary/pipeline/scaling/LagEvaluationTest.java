package dev.tributary.pipeline.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagEvaluationTest {

  private static final Instant T = Instant.parse("2026-11-26T05:00:00Z");

  /** Samples 10 s apart from (end, committed) pairs. */
  private static List<LagSample> samples(long... endAndCommitted) {
    List<LagSample> samples = new ArrayList<>();
    for (int i = 0; i < endAndCommitted.length; i += 2) {
      samples.add(new LagSample(T.plusSeconds(5L * i), endAndCommitted[i], endAndCommitted[i + 1]));
    }
    return samples;
  }

  @Test
  void caughtUpOnceInTheWindowIsOk() {
    assertThat(LagEvaluation.evaluate(samples(100, 100, 200, 150, 300, 260), true))
        .isEqualTo(LagStatus.OK);
  }

  @Test
  void lagGrowingAtEverySampleWhileCommittingIsGrowing() {
    assertThat(LagEvaluation.evaluate(samples(100, 50, 300, 120, 600, 200), true))
        .isEqualTo(LagStatus.GROWING);
  }

  @Test
  void largeButShrinkingLagIsOk() {
    assertThat(
            LagEvaluation.evaluate(
                samples(1_000_000, 10, 1_000_100, 200_000, 1_000_200, 400_000), true))
        .isEqualTo(LagStatus.OK);
  }

  @Test
  void behindWithOffsetsNotMovingIsStalled() {
    assertThat(LagEvaluation.evaluate(samples(100, 40, 120, 40, 130, 40), true))
        .isEqualTo(LagStatus.STALLED);
  }

  @Test
  void behindWithNoWorkerInTheGroupIsStopped() {
    assertThat(LagEvaluation.evaluate(samples(100, 40), false)).isEqualTo(LagStatus.STOPPED);
  }

  @Test
  void tooFewSamplesAreUnknownUnlessCaughtUp() {
    assertThat(LagEvaluation.evaluate(samples(100, 40), true)).isEqualTo(LagStatus.UNKNOWN);
    assertThat(LagEvaluation.evaluate(samples(100, 100), true)).isEqualTo(LagStatus.OK);
  }

  @Test
  void worstPartitionDecidesThePipeline() {
    assertThat(LagEvaluation.worst(List.of(LagStatus.OK, LagStatus.STALLED, LagStatus.GROWING)))
        .isEqualTo(LagStatus.STALLED);
  }
}
