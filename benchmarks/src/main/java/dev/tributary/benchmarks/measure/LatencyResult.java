package dev.tributary.benchmarks.measure;

import java.util.List;
import java.util.Optional;

/** One latency run: each measured phase, and whether the output was complete and right. */
public record LatencyResult(List<PhaseLatency> phases, Verdict verdict) {

  public Optional<PhaseLatency> phase(String name) {
    return phases.stream().filter(p -> p.phase().equals(name)).findFirst();
  }
}
