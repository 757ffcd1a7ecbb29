package dev.tributary.benchmarks.measure;

import dev.tributary.benchmarks.Cluster;
import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.contender.Launcher;
import dev.tributary.benchmarks.contender.Run;
import dev.tributary.benchmarks.contender.RunningContender;
import dev.tributary.benchmarks.data.Topics;
import dev.tributary.benchmarks.data.TransactionData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency under open-loop load: a fresh contender reads an empty input topic of its own
 * (after loading the card table, when the scenario has one), the load generator sends the data's
 * transactions into it at each phase's rate, and a consumer of the output measures consume time −
 * record timestamp. A Streams contender runs in a JVM of its own, with a worker's heap and
 * collector (the raw loop in this one); load generator and recorder share this JVM, and all of them
 * the machine with the broker.
 */
public final class LatencyRun {

  private static final Duration TABLE_LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration MIN_DRAIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROGRESS_POLL = Duration.ofMillis(100);

  private LatencyRun() {}

  /**
   * @param run a run whose input topic is its own and does not exist yet
   */
  public static LatencyResult measure(
      Cluster cluster,
      Launcher launcher,
      Contender contender,
      Run run,
      List<Phase> phases,
      TransactionData data) {
    cluster.createTopic(run.inputTopic(), Map.of());
    cluster.createTopic(run.outputTopic(), Map.of());
    OutputTally tally = new OutputTally(Expectation.windowed(run.scenario(), contender.kind()));
    Verdict verdict;
    List<PhaseLatency> results = new ArrayList<>();
    try (RunningContender running = launcher.startInOwnJvm(contender.kind(), run)) {
      Optional<String> failure = awaitTable(cluster, running, run, contender);
      long startNanos = System.nanoTime();
      LoadSchedule schedule = new LoadSchedule(phases, System.currentTimeMillis());
      OpenLoopProducer.PhaseLoad[] loads;
      try (LatencyRecorder recorder =
          new LatencyRecorder(cluster, run.outputTopic(), schedule, tally)) {
        recorder.start();
        loads = OpenLoopProducer.run(cluster, run.inputTopic(), data, schedule, startNanos);
        long sent = 0;
        for (OpenLoopProducer.PhaseLoad load : loads) {
          sent += load.records();
        }
        Expectation expected = Expectation.of(run.scenario(), contender.kind(), data, sent, false);
        failure = failure.or(() -> awaitOutput(running, expected, tally, phases));
        recorder.close();
        verdict = expected.check(tally).and(failure).and(Optional.ofNullable(recorder.failure()));
        for (int i = 0; i < phases.size(); i++) {
          Phase phase = phases.get(i);
          if (phase.measured()) {
            Histogram histogram = recorder.histogram(i);
            results.add(
                new PhaseLatency(
                    phase.name(),
                    phase.recordsPerSecond(),
                    histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99),
                    loads[i].worstDelayMillis(),
                    recorder.opening(i).getValueAtPercentile(50),
                    recorder.closing(i).getValueAtPercentile(50)));
          }
        }
      }
    }
    return new LatencyResult(results, verdict);
  }

  /** Scenario (c) joins against the table: it must be loaded before the load starts. */
  private static Optional<String> awaitTable(
      Cluster cluster, RunningContender running, Run run, Contender contender) {
    if (!run.scenario().readsTable() || contender.kind() == Contender.Kind.RAW) {
      return Optional.empty();
    }
    Map<TopicPartition, Long> ends = cluster.endOffsets(Topics.CARDS);
    long deadline = System.nanoTime() + TABLE_LOAD_TIMEOUT.toNanos();
    while (!cluster.caughtUp(running.groupId(), ends)) {
      if (System.nanoTime() > deadline) {
        return Optional.of(
            running.groupId() + " did not load the card table in " + TABLE_LOAD_TIMEOUT);
      }
      ThroughputRun.sleep(PROGRESS_POLL);
    }
    return Optional.empty();
  }

  /** Waits until the output is complete; a contender that fell behind gets time to catch up. */
  private static Optional<String> awaitOutput(
      RunningContender running, Expectation expected, OutputTally tally, List<Phase> phases) {
    Duration loadTime = phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    Duration timeout =
        loadTime.multipliedBy(2).compareTo(MIN_DRAIN_TIMEOUT) > 0
            ? loadTime.multipliedBy(2)
            : MIN_DRAIN_TIMEOUT;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!expected.metBy(tally)) {
      if (running.failure().isPresent()) {
        return running.failure();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of("output incomplete " + timeout + " after the load ended");
      }
      ThroughputRun.sleep(PROGRESS_POLL);
    }
    return running.failure();
  }
}
