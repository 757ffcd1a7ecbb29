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
 * @param recordsPerSecond the highest probe rate kept up with, below two probes in a row that were
 *     not; 0 when none was
 * @param probes every probe, from the lowest rate up
 * @param verdict whether the probe run's output was complete and right
 */
public record SustainableRate(
    double backlogMaximum, double recordsPerSecond, List<PhaseLatency> probes, Verdict verdict) {

  /** The probes' rates, as shares of the backlog throughput. */
  public static final List<Integer> PROBE_PERCENTS = List.of(40, 50, 60, 70, 80, 90, 100);

  /** Above the commit interval, how much more the median latency may grow within a probe. */
  public static final Duration JITTER_ALLOWANCE = Duration.ofMillis(250);

  /** Between two probes, load at this share of the backlog throughput lets a backlog drain. */
  public static final int DRAIN_PERCENT = 10;

  /** How long each pause between probes lasts. */
  public static final Duration DRAIN = Duration.ofSeconds(5);

  /**
   * The probe phases, from the lowest rate up, after a warm-up at the lowest; between two probes a
   * pause of low load, so that each starts without the backlog of the one before.
   */
  public static List<Phase> phases(double backlogMaximum, Duration probe, Duration warmUp) {
    List<Phase> phases = new ArrayList<>();
    phases.add(Phase.warmUp(backlogMaximum * PROBE_PERCENTS.getFirst() / 100, warmUp));
    for (int percent : PROBE_PERCENTS) {
      if (percent != PROBE_PERCENTS.getFirst()) {
        phases.add(Phase.warmUp(backlogMaximum * DRAIN_PERCENT / 100, DRAIN));
      }
      phases.add(Phase.measured(probeName(percent), backlogMaximum * percent / 100, probe));
    }
    return phases;
  }

  /**
   * Reads the rate off a probe run: the highest probe kept pace with, below two probes in a row
   * that were not. A probe counts as kept pace with when its latency stayed level and it started
   * level, no more than the allowance above the lowest start of all probes: one that starts on a
   * backlog the pause did not drain runs at its backlog speed, faster than it keeps pace with live
   * load. A single probe that fell behind between two that kept pace is a slow stretch of the
   * shared cores, not the contender's limit.
   *
   * @param commitInterval the contender's: output is committed, and so seen, once per interval
   */
  public static SustainableRate of(
      double backlogMaximum, LatencyResult probeRun, Duration commitInterval) {
    Duration allowance = commitInterval.plus(JITTER_ALLOWANCE);
    List<PhaseLatency> probes = probeRun.phases();
    long levelStart =
        probes.stream().mapToLong(PhaseLatency::openingP50Millis).min().orElse(0)
            + allowance.toMillis();
    double rate = 0;
    boolean behindBefore = false;
    for (PhaseLatency probe : probes) {
      boolean kept = probe.keptUp(allowance) && probe.openingP50Millis() <= levelStart;
      if (kept) {
        rate = probe.offeredRecordsPerSecond();
      } else if (behindBefore) {
        break;
      }
      behindBefore = !kept;
    }
    return new SustainableRate(backlogMaximum, rate, probes, probeRun.verdict());
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
