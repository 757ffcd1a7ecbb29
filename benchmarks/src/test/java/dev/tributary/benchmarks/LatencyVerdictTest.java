package dev.tributary.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.measure.LatencyResult;
import dev.tributary.benchmarks.measure.PhaseLatency;
import dev.tributary.benchmarks.measure.SustainableRate;
import dev.tributary.benchmarks.measure.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict compares latency tails where both have them and says why where one does not. */
class LatencyVerdictTest {

  private static final Contender HAND =
      new Contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE);

  private static final Duration INTERVAL = Duration.ofMillis(100);

  @Test
  void aScenarioWhereTheWorkerKeptPaceWithNoProbeIsNamedNotLeftOut() {
    Results results = new Results();
    Scenario filter = Scenario.FILTER_SELECT;
    Scenario windowed = Scenario.WINDOWED_TOTALS;
    for (Scenario scenario : List.of(filter, windowed)) {
      results.add(scenario, HAND, sustainable(100_000, probe(40_000, 70, 72)));
      results.add(scenario, HAND, tails(120, 300));
    }
    // (a): the worker fell behind at the lowest probe; (b): it kept pace, with a longer tail at 90%
    results.add(filter, WorkerBenchmark.WORKER, sustainable(150_000, probe(60_000, 88, 586)));
    results.add(windowed, WorkerBenchmark.WORKER, sustainable(150_000, probe(60_000, 80, 90)));
    results.add(windowed, WorkerBenchmark.WORKER, tails(110, 420));

    String verdict = verdict(results, "a,b");

    assertThat(verdict)
        .contains(
            "(a) filter + select: not compared, Tributary worker kept pace with no probe (no"
                + " sustainable rate to set the load from)")
        .contains(
            "(b) windowed count/sum at 50%: hand-written 120 ms; worker 110 ms, paired 0.92"
                + " (0.92–0.92) met")
        .contains(
            "(b) windowed count/sum at 90%: hand-written 300 ms; worker 420 ms, paired 1.40"
                + " (1.40–1.40) missed")
        .doesNotContain("(a) filter + select at 50%");
  }

  @Test
  void theTailIsJudgedByTheRoundsPairedRatiosAndShownAsTheirMedians() {
    Results results = new Results();
    Scenario join = Scenario.CARD_ENRICHMENT;
    results.add(join, HAND, sustainable(100_000, probe(40_000, 70, 72)));
    results.add(join, WorkerBenchmark.WORKER, sustainable(150_000, probe(60_000, 70, 72)));
    // Round by round the worker's p99 at 50% is 1.10, 0.83 and 0.95 of the hand-written app's, run
    // right before or after it; at 90% 0.90, 1.25 and 1.05.
    long[][] hand = {{100, 200}, {300, 240}, {200, 400}};
    long[][] worker = {{110, 180}, {250, 300}, {190, 420}};
    for (int round = 0; round < 3; round++) {
      results.add(join, HAND, tails(hand[round][0], hand[round][1]));
      results.add(join, WorkerBenchmark.WORKER, tails(worker[round][0], worker[round][1]));
    }

    String verdict = verdict(results, "c");

    assertThat(verdict)
        .contains(
            "(c) stream-table join at 50%: hand-written 200 ms; worker 190 ms, paired 0.95"
                + " (0.83–1.10) met")
        .contains(
            "(c) stream-table join at 90%: hand-written 240 ms; worker 300 ms, paired 1.05"
                + " (0.90–1.25) missed");
  }

  private static SustainableRate sustainable(double backlogMaximum, PhaseLatency probe) {
    return SustainableRate.of(
        backlogMaximum, new LatencyResult(List.of(probe), Verdict.ok("fine")), INTERVAL);
  }

  private static PhaseLatency probe(double rate, long openingP50, long closingP50) {
    return new PhaseLatency(
        SustainableRate.probeName(40), rate, closingP50, closingP50 * 2, 0, openingP50, closingP50);
  }

  private static LatencyResult tails(long p99AtHalf, long p99AtNineTenths) {
    return new LatencyResult(
        List.of(
            new PhaseLatency(Report.HALF, 1, 50, p99AtHalf, 0, 50, 50),
            new PhaseLatency(Report.NINE_TENTHS, 1, 60, p99AtNineTenths, 0, 60, 60)),
        Verdict.ok("fine"));
  }

  private static String verdict(Results results, String scenarios) {
    BenchmarkOptions options = BenchmarkOptions.parse("--scenarios", scenarios);
    Report report =
        new Report(
            new Report.Setup(Instant.EPOCH, null, 0, options),
            null,
            results,
            null,
            0,
            Duration.ZERO);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report.printVerdict(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
