package dev.tributary.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.measure.CommitTimes;
import dev.tributary.benchmarks.measure.ThroughputResult;
import dev.tributary.benchmarks.measure.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker is compared with the hand-written app round by round, not best against best. */
class PairedRoundsTest {

  private static final Contender HAND =
      new Contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE);

  @Test
  void ratiosAreTakenWithinEachRoundAndSkipRoundsWithAWrongOutput() {
    Results results = new Results();
    Scenario scenario = Scenario.FILTER_SELECT;
    results.add(scenario, HAND, ok(100, 10));
    results.add(scenario, WorkerBenchmark.WORKER, ok(90, 12));
    results.add(scenario, HAND, ok(200, 5));
    results.add(scenario, WorkerBenchmark.WORKER, ThroughputResult.failed(Verdict.wrong("x")));
    results.add(scenario, HAND, ok(50, 20));
    results.add(scenario, WorkerBenchmark.WORKER, ok(60, 16));

    List<Results.RoundRatio> paired = results.pairedRatios(scenario, WorkerBenchmark.WORKER, HAND);

    assertThat(paired).hasSize(2);
    assertThat(paired.get(0).throughput()).isCloseTo(0.9, within(1e-9));
    assertThat(paired.get(0).inverseCpu()).isCloseTo(10.0 / 12, within(1e-9));
    assertThat(paired.get(1).throughput()).isCloseTo(1.2, within(1e-9));
    assertThat(paired.get(1).inverseCpu()).isCloseTo(1.25, within(1e-9));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Results.median(List.of(0.8, 1.1, 0.9, 1.0)).getAsDouble())
        .isCloseTo(0.95, within(1e-9));
    assertThat(Results.median(List.of(0.7, 1.2, 0.9)).getAsDouble()).isEqualTo(0.9);
    assertThat(Results.median(List.of())).isEmpty();
  }

  private static ThroughputResult ok(double recordsPerSecond, double cpuMicros) {
    return new ThroughputResult(
        recordsPerSecond, 1, cpuMicros, 2 * cpuMicros, CommitTimes.NONE, Verdict.ok("fine"));
  }
}
