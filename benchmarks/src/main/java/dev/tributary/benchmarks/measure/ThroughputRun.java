package dev.tributary.benchmarks.measure;

import dev.tributary.benchmarks.Cluster;
import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.contender.Launcher;
import dev.tributary.benchmarks.contender.Run;
import dev.tributary.benchmarks.contender.RunningContender;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How fast a contender works off the pre-loaded backlog. Its output topic stamps records with the
 * broker's append time, so that throughput is
 *
 * <pre>backlog records / (append time of the last output record − time the contender was ready)
 * </pre>
 *
 * where ready means Kafka Streams reached RUNNING, or the raw loop's consumer got its partitions:
 * group join and task start-up are left out, everything from the first fetch to the last write is
 * in. The contender is done when its group has committed the end of the input.
 *
 * <p>It also measures the CPU time the contender's threads used per backlog record from ready to
 * done, which other processes on the machine do not inflate, and the broker process's over the same
 * interval (the broker also answers the progress checks, about ten small requests a second), and
 * for a Streams contender where its commits spent their time ({@link CommitTimes}).
 */
public final class ThroughputRun {

  private static final Duration PROGRESS_POLL = Duration.ofMillis(100);

  private ThroughputRun() {}

  /**
   * @param ownJvm whether the contender runs in its own JVM ({@link Launcher#startInOwnJvm}): a
   *     warm-up there, so that its JIT has compiled the scenario's code before a latency run; CPU
   *     per record is then not measured (its threads are in the other JVM) and reads 0
   */
  public static ThroughputResult measure(
      Cluster cluster,
      Launcher launcher,
      Contender contender,
      Run run,
      Expectation expected,
      long backlogRecords,
      boolean ownJvm) {
    cluster.createTopic(
        run.outputTopic(), Map.of("message.timestamp.type", "LogAppendTime", "retention.ms", "-1"));
    Map<TopicPartition, Long> inputEnds = cluster.endOffsets(run.inputTopic());
    Duration timeout = Duration.ofSeconds(60 + backlogRecords / 2_000);
    long readyAt;
    long cpuNanos;
    long brokerCpuNanos;
    CommitTimes commits;
    Optional<String> failure;
    try (RunningContender running =
        ownJvm
            ? launcher.startInOwnJvm(contender.kind(), run)
            : launcher.start(contender.kind(), run)) {
      readyAt = running.readyAtMillis();
      long cpuAtReady = ThreadCpu.nanos(run.applicationId());
      long brokerCpuAtReady = cluster.brokerCpuNanos();
      CommitTimes commitsAtReady = running.commitTimes();
      failure = awaitCaughtUp(cluster, running, inputEnds, timeout);
      commits = running.commitTimes().since(commitsAtReady);
      cpuNanos = ThreadCpu.nanos(run.applicationId()) - cpuAtReady;
      brokerCpuNanos = cluster.brokerCpuNanos() - brokerCpuAtReady;
    }
    OutputTally tally = new OutputTally(expected.windowed());
    long lastAppendMillis = readAll(cluster, run.outputTopic(), tally);
    Verdict verdict = expected.check(tally).and(failure);
    if (lastAppendMillis <= readyAt) {
      return ThroughputResult.failed(verdict.ok() ? Verdict.wrong("no output") : verdict);
    }
    double seconds = (lastAppendMillis - readyAt) / 1000.0;
    return new ThroughputResult(
        backlogRecords / seconds,
        seconds,
        cpuNanos / 1000.0 / backlogRecords,
        brokerCpuNanos / 1000.0 / backlogRecords,
        commits,
        verdict);
  }

  private static Optional<String> awaitCaughtUp(
      Cluster cluster, RunningContender running, Map<TopicPartition, Long> ends, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cluster.caughtUp(running.groupId(), ends)) {
      if (running.failure().isPresent()) {
        return running.failure();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(running.groupId() + " did not finish the backlog within " + timeout);
      }
      sleep(PROGRESS_POLL);
    }
    return running.failure();
  }

  /** Reads the whole topic into the tally; returns the latest record timestamp. */
  private static long readAll(Cluster cluster, String topic, OutputTally tally) {
    long latest = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = OutputConsumers.fromStart(cluster, topic)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          tally.add(record);
          latest = Math.max(latest, record.timestamp());
        }
      }
    }
    return latest;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
