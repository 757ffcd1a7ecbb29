package dev.tributary.benchmarks.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** One latency run: each measured phase, and whether the output was complete and right. */
public record LatencyResult(List<PhaseLatency> phases, Verdict verdict) {

  public Optional<PhaseLatency> phase(String name) {
    return phases.stream().filter(p -> p.phase().equals(name)).findFirst();
  }

  /**
   * Several runs of the same phases as one: each phase's median p50 and p99 over the runs that have
   * it (the higher middle one of an even number), the sender's worst delay over all of them; the
   * verdict of the first wrong run, else of the last.
   *
   * @param runs at least one
   */
  public static LatencyResult medianOf(List<LatencyResult> runs) {
    if (runs.size() == 1) {
      return runs.getFirst();
    }
    List<PhaseLatency> phases = new ArrayList<>();
    for (PhaseLatency first : runs.getFirst().phases()) {
      List<PhaseLatency> all =
          runs.stream().flatMap(run -> run.phase(first.phase()).stream()).toList();
      phases.add(
          new PhaseLatency(
              first.phase(),
              first.offeredRecordsPerSecond(),
              median(all, PhaseLatency::p50Millis),
              median(all, PhaseLatency::p99Millis),
              all.stream().mapToLong(PhaseLatency::senderWorstDelayMillis).max().orElse(0),
              median(all, PhaseLatency::openingP50Millis),
              median(all, PhaseLatency::closingP50Millis)));
    }
    Verdict verdict =
        runs.stream()
            .map(LatencyResult::verdict)
            .filter(v -> !v.ok())
            .findFirst()
            .orElse(runs.getLast().verdict());
    return new LatencyResult(phases, verdict);
  }

  private static long median(List<PhaseLatency> phases, ToLongFunction<PhaseLatency> value) {
    long[] values = phases.stream().mapToLong(value).toArray();
    Arrays.sort(values);
    return values[values.length / 2];
  }
}
