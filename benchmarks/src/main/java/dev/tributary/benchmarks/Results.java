package dev.tributary.benchmarks;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.measure.LatencyResult;
import dev.tributary.benchmarks.measure.PhaseLatency;
import dev.tributary.benchmarks.measure.SustainableRate;
import dev.tributary.benchmarks.measure.ThroughputResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Everything measured so far, per scenario and contender. */
final class Results {

  private final Map<Entry, List<ThroughputResult>> throughput = new LinkedHashMap<>();
  private final Map<Entry, List<LatencyResult>> latency = new LinkedHashMap<>();
  private final Map<Entry, SustainableRate> sustainable = new LinkedHashMap<>();

  void add(Scenario scenario, Contender contender, ThroughputResult result) {
    throughput.computeIfAbsent(new Entry(scenario, contender), e -> new ArrayList<>()).add(result);
  }

  /** One more latency run of the contender: the next round's. */
  void add(Scenario scenario, Contender contender, LatencyResult result) {
    latency.computeIfAbsent(new Entry(scenario, contender), e -> new ArrayList<>()).add(result);
  }

  void add(Scenario scenario, Contender contender, SustainableRate result) {
    sustainable.put(new Entry(scenario, contender), result);
  }

  Optional<SustainableRate> sustainable(Scenario scenario, Contender contender) {
    return Optional.ofNullable(sustainable.get(new Entry(scenario, contender)));
  }

  List<ThroughputResult> rounds(Scenario scenario, Contender contender) {
    return throughput.getOrDefault(new Entry(scenario, contender), List.of());
  }

  /** The best round with a correct output; none when every round was wrong. */
  OptionalDouble bestRecordsPerSecond(Scenario scenario, Contender contender) {
    return rounds(scenario, contender).stream()
        .filter(r -> r.verdict().ok())
        .mapToDouble(ThroughputResult::recordsPerSecond)
        .max();
  }

  /** The round with the best throughput among the correct ones. */
  Optional<ThroughputResult> bestRound(Scenario scenario, Contender contender) {
    return rounds(scenario, contender).stream()
        .filter(r -> r.verdict().ok())
        .max(Comparator.comparingDouble(ThroughputResult::recordsPerSecond));
  }

  /** The least CPU per record of the correct rounds. */
  OptionalDouble leastCpuMicrosPerRecord(Scenario scenario, Contender contender) {
    return rounds(scenario, contender).stream()
        .filter(r -> r.verdict().ok())
        .mapToDouble(ThroughputResult::cpuMicrosPerRecord)
        .min();
  }

  /**
   * The ratio of {@code contender} to {@code base} within each round in which both were correct, in
   * round order: a round runs the two back to back, so both meet about the same load of the
   * machine.
   */
  List<RoundRatio> pairedRatios(Scenario scenario, Contender contender, Contender base) {
    return pairedRatios(rounds(scenario, contender), rounds(scenario, base));
  }

  /**
   * The ratio of each run to the base run of the same round, for the rounds in which both were
   * correct, in round order.
   */
  static List<RoundRatio> pairedRatios(
      List<ThroughputResult> runs, List<ThroughputResult> baseRuns) {
    List<RoundRatio> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(runs.size(), baseRuns.size()); round++) {
      ThroughputResult run = runs.get(round);
      ThroughputResult baseRun = baseRuns.get(round);
      if (run.verdict().ok()
          && baseRun.verdict().ok()
          && baseRun.recordsPerSecond() > 0
          && run.cpuMicrosPerRecord() > 0) {
        ratios.add(
            new RoundRatio(
                run.recordsPerSecond() / baseRun.recordsPerSecond(),
                baseRun.cpuMicrosPerRecord() / run.cpuMicrosPerRecord()));
      }
    }
    return ratios;
  }

  /**
   * One round's comparison: throughput of the contender ÷ the base's, and the base's CPU per record
   * ÷ the contender's (so that above 1 is better for the contender in both).
   */
  record RoundRatio(double throughput, double inverseCpu) {}

  /** The median of the values; empty for none. */
  static OptionalDouble median(List<Double> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return OptionalDouble.of(
        sorted.size() % 2 == 1
            ? sorted.get(middle)
            : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
  }

  /** The shortest measured interval of the correct throughput runs of these contenders, in s. */
  double shortestInterval(List<Contender> contenders, BenchmarkOptions options) {
    return options.scenarios().stream()
        .flatMap(s -> contenders.stream().flatMap(c -> rounds(s, c).stream()))
        .filter(r -> r.verdict().ok() && r.seconds() > 0)
        .mapToDouble(ThroughputResult::seconds)
        .min()
        .orElse(0);
  }

  /**
   * The contender's latency over its rounds: each phase's median p50 and p99 of the rounds, and a
   * wrong verdict if any round's output was wrong; none when it ran no latency run.
   */
  Optional<LatencyResult> latency(Scenario scenario, Contender contender) {
    List<LatencyResult> rounds = latencyRounds(scenario, contender);
    return rounds.isEmpty() ? Optional.empty() : Optional.of(LatencyResult.medianOf(rounds));
  }

  /** The contender's latency runs, in round order. */
  List<LatencyResult> latencyRounds(Scenario scenario, Contender contender) {
    return latency.getOrDefault(new Entry(scenario, contender), List.of());
  }

  /**
   * The ratio of {@code contender}'s p99 in its phase {@code phase} to {@code base}'s in its phase
   * {@code basePhase}, within each round in which both ran them with a correct output, in round
   * order: a round runs the two back to back.
   */
  List<Double> pairedP99Ratios(
      Scenario scenario, Contender contender, String phase, Contender base, String basePhase) {
    List<LatencyResult> runs = latencyRounds(scenario, contender);
    List<LatencyResult> baseRuns = latencyRounds(scenario, base);
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(runs.size(), baseRuns.size()); round++) {
      LatencyResult run = runs.get(round);
      LatencyResult baseRun = baseRuns.get(round);
      if (!run.verdict().ok() || !baseRun.verdict().ok()) {
        continue;
      }
      Optional<PhaseLatency> own = run.phase(phase);
      Optional<PhaseLatency> other = baseRun.phase(basePhase);
      if (own.isPresent() && other.isPresent() && other.get().p99Millis() > 0) {
        ratios.add((double) own.get().p99Millis() / other.get().p99Millis());
      }
    }
    return ratios;
  }

  /** Every wrong output, as "scenario, contender: what was wrong". */
  List<String> wrongOutputs() {
    List<String> wrong = new ArrayList<>();
    throughput.forEach(
        (entry, rounds) ->
            rounds.stream()
                .filter(r -> !r.verdict().ok())
                .forEach(
                    r -> wrong.add(entry.describe() + " (throughput): " + r.verdict().detail())));
    sustainable.forEach(
        (entry, result) -> {
          if (!result.verdict().ok()) {
            wrong.add(entry.describe() + " (sustainable rate): " + result.verdict().detail());
          }
        });
    latency.forEach(
        (entry, rounds) ->
            rounds.stream()
                .filter(r -> !r.verdict().ok())
                .forEach(r -> wrong.add(entry.describe() + " (latency): " + r.verdict().detail())));
    return wrong;
  }

  private record Entry(Scenario scenario, Contender contender) {
    String describe() {
      return scenario.title()
          + ", "
          + contender.label(scenario)
          + " ["
          + contender.guarantee().label()
          + "]";
    }
  }
}
