package dev.tributary.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sustainable rate is read off a probe run by whether each probe's latency stayed level. */
class SustainableRateTest {

  private static final double BACKLOG_MAXIMUM = 100_000;
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  @Test
  void probesRunFromFortyToAHundredPercentOfTheBacklogThroughputAfterAWarmUpWithPausesBetween() {
    List<Phase> phases =
        SustainableRate.phases(BACKLOG_MAXIMUM, Duration.ofSeconds(10), Duration.ofSeconds(3));

    assertThat(phases.getFirst()).isEqualTo(Phase.warmUp(40_000, Duration.ofSeconds(3)));
    assertThat(phases.stream().filter(Phase::measured))
        .extracting(Phase::name, Phase::recordsPerSecond)
        .containsExactly(
            tuple("probe 40%", 40_000.0),
            tuple("probe 50%", 50_000.0),
            tuple("probe 60%", 60_000.0),
            tuple("probe 70%", 70_000.0),
            tuple("probe 80%", 80_000.0),
            tuple("probe 90%", 90_000.0),
            tuple("probe 100%", 100_000.0));
    assertThat(phases.stream().filter(Phase::measured))
        .allSatisfy(p -> assertThat(p.duration()).isEqualTo(Duration.ofSeconds(10)));
    // after the warm-up, probes and pauses of low load alternate
    List<Phase> afterWarmUp = phases.subList(1, phases.size());
    assertThat(afterWarmUp).hasSize(13);
    for (int i = 1; i < afterWarmUp.size(); i += 2) {
      assertThat(afterWarmUp.get(i - 1).measured()).isTrue();
      assertThat(afterWarmUp.get(i)).isEqualTo(Phase.warmUp(10_000, SustainableRate.DRAIN));
    }
  }

  @Test
  void theRateIsTheHighestProbeKeptUpWithBelowTwoInARowThatWereNot() {
    // level latency up to 70%, growing from 80% on; 100% looks level again only because it starts
    // on a backlog the pause before it did not drain
    SustainableRate rate =
        rateOf(
            new long[][] {
              {120, 130},
              {120, 140},
              {125, 180},
              {130, 300},
              {300, 1_400},
              {1_400, 2_900},
              {2_900, 2_950}
            });

    assertThat(rate.found()).isTrue();
    assertThat(rate.recordsPerSecond()).isEqualTo(70_000);
    assertThat(rate.percentOfBacklogMaximum()).isEqualTo(70);
    assertThat(rate.probes()).hasSize(7);
  }

  @Test
  void oneProbeThatFellBehindBetweenTwoThatKeptPaceDoesNotEndTheRun() {
    // a slow stretch of the shared cores at 50%; the contender's limit between 70% and 80%
    SustainableRate rate =
        rateOf(
            new long[][] {
              {120, 130}, {120, 500}, {125, 140}, {130, 150}, {125, 600}, {400, 1_500}
            });

    assertThat(rate.recordsPerSecond()).isEqualTo(70_000);
  }

  @Test
  void aContenderBehindAtTheLowestProbeOnlyHasTheRateOfTheNextWhenItKeptPace() {
    SustainableRate warmingUp =
        rateOf(new long[][] {{90, 590}, {120, 140}, {125, 900}, {1_000, 1_900}});

    assertThat(warmingUp.found()).isTrue();
    assertThat(warmingUp.recordsPerSecond()).isEqualTo(50_000);
  }

  @Test
  void aProbeThatStartsOnABacklogDoesNotCountAsKeptPaceWith() {
    // at 60% the latency stays level, but from the 900 ms backlog the 50% probe left: on a backlog
    // a contender runs at its backlog speed
    SustainableRate rate = rateOf(new long[][] {{120, 130}, {120, 900}, {900, 950}});

    assertThat(rate.recordsPerSecond()).isEqualTo(40_000);
  }

  @Test
  void aProbeMayGrowByTheCommitIntervalAndTheJitterAllowanceButNoMore() {
    PhaseLatency level = probe(100, 0, 350);
    PhaseLatency growing = probe(100, 0, 351);
    Duration allowance = COMMIT_INTERVAL.plus(SustainableRate.JITTER_ALLOWANCE);

    assertThat(level.keptUp(allowance)).isTrue();
    assertThat(growing.keptUp(allowance)).isFalse();
    // a longer commit interval lets the output be seen later at the end of the phase
    assertThat(growing.keptUp(Duration.ofSeconds(1).plus(SustainableRate.JITTER_ALLOWANCE)))
        .isTrue();
  }

  @Test
  void aContenderBehindAtTheLowestProbeHasNoSustainableRate() {
    SustainableRate rate = rateOf(new long[][] {{200, 900}, {900, 1_200}});

    assertThat(rate.found()).isFalse();
    assertThat(rate.recordsPerSecond()).isZero();
  }

  @Test
  void aProbeRunWithAWrongOutputGivesNoRateToMeasureAt() {
    SustainableRate rate =
        SustainableRate.of(
            BACKLOG_MAXIMUM,
            run(Verdict.wrong("12 records missing"), new long[][] {{120, 130}, {120, 140}}),
            COMMIT_INTERVAL);

    assertThat(rate.recordsPerSecond()).isEqualTo(50_000);
    assertThat(rate.found()).isFalse();
  }

  /** The rate read off a probe run with a complete output. */
  private static SustainableRate rateOf(long[][] openingAndClosing) {
    return SustainableRate.of(
        BACKLOG_MAXIMUM, run(Verdict.ok("complete"), openingAndClosing), COMMIT_INTERVAL);
  }

  /** A probe run: per probe from 40% up, the median latency at its start and at its end. */
  private static LatencyResult run(Verdict verdict, long[][] openingAndClosing) {
    List<PhaseLatency> probes = new ArrayList<>();
    for (int i = 0; i < openingAndClosing.length; i++) {
      probes.add(
          probe(
              BACKLOG_MAXIMUM * SustainableRate.PROBE_PERCENTS.get(i) / 100,
              openingAndClosing[i][0],
              openingAndClosing[i][1]));
    }
    return new LatencyResult(probes, verdict);
  }

  private static PhaseLatency probe(double rate, long openingP50, long closingP50) {
    return new PhaseLatency(
        "probe", rate, (openingP50 + closingP50) / 2, closingP50 * 2, 0, openingP50, closingP50);
  }
}
