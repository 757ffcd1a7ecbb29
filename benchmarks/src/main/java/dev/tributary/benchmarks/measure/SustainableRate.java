package dev.tributary.benchmarks.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The highest rate of open-loop load a contender keeps pace with on this machine, probed upwards
 * from a share of its backlog throughput: the load generator, the broker and the reader of the
 * output take their part of the shared cores only under live load, so a contender keeps pace with
 * less than it drains from a backlog. Latency is compared at shares of this rate; above it, a phase
 * measures how fast a backlog grows, not the contender's latency.
 *
 * @param backlogMaximum the contender's best throughput on a backlog, records/s
 * @param recordsPerSecond the highest probe rate kept up with, every lower probe kept up with too;
 *     0 when not even the lowest was
 * @param probes every probe, from the lowest rate up
 * @param verdict whether the probe run's output was complete and right
 */
public record SustainableRate(
    double backlogMaximum, double recordsPerSecond, List<PhaseLatency> probes, Verdict verdict) {

  /** The probes' rates, as shares of the backlog throughput. */
  public static final List<Integer> PROBE_PERCENTS = List.of(40, 50, 60, 70, 80, 90, 100);

  /** Above the commit interval, how much more the median latency may grow within a probe. */
  public static final Duration JITTER_ALLOWANCE = Duration.ofMillis(250);

  /** The probe phases, from the lowest rate up, after a warm-up at the lowest. */
  public static List<Phase> phases(double backlogMaximum, Duration probe, Duration warmUp) {
    List<Phase> phases = new ArrayList<>();
    phases.add(Phase.warmUp(backlogMaximum * PROBE_PERCENTS.getFirst() / 100, warmUp));
    for (int percent : PROBE_PERCENTS) {
      phases.add(Phase.measured(probeName(percent), backlogMaximum * percent / 100, probe));
    }
    return phases;
  }

  /**
   * Reads the rate off a probe run: the last probe of the unbroken run of kept-up probes from the
   * lowest up (a probe after one that fell behind starts on its backlog).
   *
   * @param commitInterval the contender's: output is committed, and so seen, once per interval
   */
  public static SustainableRate of(
      double backlogMaximum, LatencyResult probeRun, Duration commitInterval) {
    Duration allowance = commitInterval.plus(JITTER_ALLOWANCE);
    double rate = 0;
    for (PhaseLatency probe : probeRun.phases()) {
      if (!probe.keptUp(allowance)) {
        break;
      }
      rate = probe.offeredRecordsPerSecond();
    }
    return new SustainableRate(backlogMaximum, rate, probeRun.phases(), probeRun.verdict());
  }

  /** Whether a rate was found that later phases can be set from. */
  public boolean found() {
    return verdict.ok() && recordsPerSecond > 0;
  }

  /** The rate as a share of the backlog throughput, in percent. */
  public long percentOfBacklogMaximum() {
    return backlogMaximum > 0 ? Math.round(recordsPerSecond * 100 / backlogMaximum) : 0;
  }

  public static String probeName(int percent) {
    return "probe " + percent + "%";
  }
}
