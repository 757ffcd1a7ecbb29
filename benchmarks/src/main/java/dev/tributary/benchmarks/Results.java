package dev.tributary.benchmarks;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.measure.LatencyResult;
import dev.tributary.benchmarks.measure.ThroughputResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Everything measured so far, per scenario and contender. */
final class Results {

  private final Map<Entry, List<ThroughputResult>> throughput = new LinkedHashMap<>();
  private final Map<Entry, LatencyResult> latency = new LinkedHashMap<>();

  void add(Scenario scenario, Contender contender, ThroughputResult result) {
    throughput.computeIfAbsent(new Entry(scenario, contender), e -> new ArrayList<>()).add(result);
  }

  void add(Scenario scenario, Contender contender, LatencyResult result) {
    latency.put(new Entry(scenario, contender), result);
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

  /** The least CPU per record of the correct rounds. */
  OptionalDouble leastCpuMicrosPerRecord(Scenario scenario, Contender contender) {
    return rounds(scenario, contender).stream()
        .filter(r -> r.verdict().ok())
        .mapToDouble(ThroughputResult::cpuMicrosPerRecord)
        .min();
  }

  Optional<LatencyResult> latency(Scenario scenario, Contender contender) {
    return Optional.ofNullable(latency.get(new Entry(scenario, contender)));
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
    latency.forEach(
        (entry, result) -> {
          if (!result.verdict().ok()) {
            wrong.add(entry.describe() + " (latency): " + result.verdict().detail());
          }
        });
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
