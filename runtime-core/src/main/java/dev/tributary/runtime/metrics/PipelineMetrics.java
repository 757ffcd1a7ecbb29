package dev.tributary.runtime.metrics;

import dev.tributary.pipeline.scaling.Autoscaler;
import dev.tributary.pipeline.scaling.LagEvaluation;
import dev.tributary.pipeline.scaling.LagSample;
import dev.tributary.pipeline.scaling.LagStatus;
import dev.tributary.runtime.status.LagReport;
import dev.tributary.runtime.status.PartitionLag;
import dev.tributary.runtime.status.RatePoint;
import dev.tributary.runtime.status.ThroughputReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What has been measured of one pipeline: a sliding window of lag samples per input partition,
 * throughput in and out and the lag for the last hour, and the autoscaler's past recommendations.
 * Updated by each collection, read by status requests; thread-safe.
 */
public final class PipelineMetrics {

  private static final Duration HOUR = Duration.ofHours(1);

  private final Duration lagWindow;
  private final Duration interval;
  private final int historyLength;
  private final Map<TopicPartition, LagWindow> windows = new HashMap<>();
  private final Map<TopicPartition, EndOffsetHistory> histories = new HashMap<>();
  private final Map<TopicPartition, long[]> lookedUp = new HashMap<>();
  private final RingBuffer<RatePoint> series;
  private final List<Autoscaler.Recommendation> recommendations = new ArrayList<>();
  private Instant previousAt;
  private Map<TopicPartition, Long> previousCommitted = Map.of();
  private Map<TopicPartition, Long> previousEnds = Map.of();
  private Map<Object, Long> previousWritten = Map.of();
  private Set<Object> answeredLast = Set.of();
  private long writtenTotal;
  private long writtenTotalAtPrevious;
  private boolean writtenReported;
  private LagReport lag = LagReport.UNKNOWN;
  private Map<String, Integer> inputPartitions = Map.of();

  /**
   * @param lagWindow how long lag samples are kept to judge the lag's trend
   * @param interval the time between two collections; an hour of them is kept
   */
  public PipelineMetrics(Duration lagWindow, Duration interval) {
    this.lagWindow = lagWindow;
    this.interval = interval;
    this.historyLength = (int) Math.max(60, HOUR.toMillis() / Math.max(1, interval.toMillis()));
    this.series =
        new RingBuffer<>(
            (int) Math.max(360, Math.ceil(HOUR.toMillis() / (double) interval.toMillis())));
  }

  /** {@link #record(OffsetSnapshot, String, Collection, Collection, Map)} without timestamps. */
  public void record(
      OffsetSnapshot snapshot,
      String group,
      Collection<String> inputTopics,
      Collection<String> outputTopics) {
    record(snapshot, group, inputTopics, outputTopics, Map.of());
  }

  /**
   * The input partitions whose oldest unprocessed record is older than the offset history kept
   * here, with that record's offset: how far behind in time they are needs the record's timestamp.
   * Offsets already looked up are not asked again.
   */
  public synchronized Map<TopicPartition, Long> timestampsWanted(
      OffsetSnapshot snapshot, String group, Collection<String> inputTopics) {
    Map<TopicPartition, Long> committed = snapshot.committed(group);
    Map<TopicPartition, Long> wanted = new HashMap<>();
    if (!snapshot.committedByGroup().containsKey(group)) {
      return wanted;
    }
    for (String topic : inputTopics) {
      for (TopicPartition tp : snapshot.partitions(topic)) {
        Long end = snapshot.endOffsets().get(tp);
        long position = committed.getOrDefault(tp, 0L);
        long[] known = lookedUp.get(tp);
        if (end == null || position >= end || (known != null && known[0] == position)) {
          continue;
        }
        EndOffsetHistory history = histories.get(tp);
        if (history == null || history.appendedAt(position) == null) {
          wanted.put(tp, position);
        }
      }
    }
    return wanted;
  }

  /**
   * Adds one collection's offsets for this pipeline. A collection that could not read the group's
   * committed offsets is skipped rather than shown as a jump of lag.
   *
   * @param timestamps the timestamps of the records at the offsets {@link #timestampsWanted} asked
   *     for, where they could be read
   */
  public synchronized void record(
      OffsetSnapshot snapshot,
      String group,
      Collection<String> inputTopics,
      Collection<String> outputTopics,
      Map<TopicPartition, Long> timestamps) {
    if (!snapshot.committedByGroup().containsKey(group)) {
      return;
    }
    Map<TopicPartition, Long> committed = snapshot.committed(group);
    boolean active = snapshot.hasMembers(group);
    List<PartitionLag> partitions = new ArrayList<>();
    List<LagStatus> statuses = new ArrayList<>();
    Map<TopicPartition, Long> committedNow = new HashMap<>();
    Map<String, Integer> partitionCounts = new LinkedHashMap<>();
    long total = 0;
    double lagSeconds = 0;
    for (String topic : inputTopics) {
      partitionCounts.put(topic, snapshot.partitionsByTopic().getOrDefault(topic, 0));
      for (TopicPartition tp : snapshot.partitions(topic)) {
        Long end = snapshot.endOffsets().get(tp);
        if (end == null) {
          continue;
        }
        // Before its first commit the group is at 0, as for the lag: so the first commit's advance
        // counts in the rate (a group that consumes everything in one commit would show none).
        long position = committed.getOrDefault(tp, 0L);
        committedNow.put(tp, position);
        LagWindow window = windows.computeIfAbsent(tp, p -> new LagWindow(lagWindow));
        window.add(new LagSample(snapshot.at(), end, position));
        EndOffsetHistory history =
            histories.computeIfAbsent(tp, p -> new EndOffsetHistory(historyLength));
        history.add(snapshot.at(), end);
        Long timestamp = timestamps.get(tp);
        if (timestamp != null) {
          lookedUp.put(tp, new long[] {position, timestamp});
        }
        List<LagSample> samples = window.samples();
        LagStatus status = LagEvaluation.evaluate(samples, active);
        double seconds = secondsBehind(tp, snapshot.at(), end, position, history);
        partitions.add(
            new PartitionLag(
                tp.topic(), tp.partition(), end, position, window.latest().lag(), seconds, status));
        statuses.add(status);
        total += window.latest().lag();
        lagSeconds = Math.max(lagSeconds, seconds);
      }
    }
    Set<String> inputs = Set.copyOf(inputTopics);
    windows.keySet().removeIf(tp -> !inputs.contains(tp.topic()));
    histories.keySet().removeIf(tp -> !inputs.contains(tp.topic()));
    lookedUp.keySet().removeIf(tp -> !inputs.contains(tp.topic()));
    lag =
        new LagReport(
            total,
            lagSeconds,
            LagEvaluation.worst(statuses),
            active,
            partitions,
            snapshot.at().toString());
    inputPartitions = partitionCounts;

    Map<TopicPartition, Long> endsNow = new HashMap<>();
    for (String topic : outputTopics) {
      for (TopicPartition tp : snapshot.partitions(topic)) {
        Long end = snapshot.endOffsets().get(tp);
        if (end != null) {
          endsNow.put(tp, end);
        }
      }
    }
    if (previousAt != null) {
      Duration between = Duration.between(previousAt, snapshot.at());
      series.add(
          new RatePoint(
              snapshot.at().toString(),
              OffsetRate.recordsPerSecond(previousCommitted, committedNow, between),
              writtenReported
                  ? (writtenTotal - writtenTotalAtPrevious) / (between.toMillis() / 1000.0)
                  : OffsetRate.recordsPerSecond(previousEnds, endsNow, between),
              total,
              lagSeconds));
    }
    previousAt = snapshot.at();
    writtenTotalAtPrevious = writtenTotal;
    previousCommitted = committedNow;
    previousEnds = endsNow;
  }

  /**
   * How far behind in time a partition is: the age of its oldest unprocessed record, the one at the
   * committed offset. When the offsets the partition's log ended at over the last hour bracket that
   * offset, the record's arrival is interpolated between the two collections around it; when the
   * record is older than that history, its own timestamp tells (looked up once per offset); without
   * either, the partition has been behind at least since the history began.
   */
  private double secondsBehind(
      TopicPartition tp, Instant at, long end, long position, EndOffsetHistory history) {
    if (position >= end) {
      return 0;
    }
    Instant arrived = history.appendedAt(position);
    if (arrived == null) {
      long[] known = lookedUp.get(tp);
      arrived =
          known != null && known[0] == position ? Instant.ofEpochMilli(known[1]) : history.oldest();
    }
    return Math.max(0, Duration.between(arrived, at).toMillis() / 1000.0);
  }

  /**
   * Adds what the pipeline's workers report of the records they wrote to the sinks. Once they
   * report, the out rate of each collection is the records they wrote since the collection before,
   * not the advance of the sinks' end offsets, which exactly-once transaction markers inflate.
   * Called before the collection whose point it belongs to.
   *
   * @param sinkRecordsByWorker each worker's count since it started, keyed by anything that tells
   *     one worker process from another
   */
  public synchronized void written(Instant at, Map<?, Long> sinkRecordsByWorker) {
    Map<Object, Long> now = new HashMap<>(sinkRecordsByWorker);
    for (Map.Entry<Object, Long> worker : now.entrySet()) {
      Long before = previousWritten.get(worker.getKey());
      // A worker not seen before started since the last report: all it counted is new.
      writtenTotal +=
          worker.getValue() - (before == null ? 0 : Math.min(before, worker.getValue()));
    }
    writtenReported = true;
    // A worker that did not answer this time keeps its last count for one more collection, so that
    // its records are not all taken for a new worker's when it answers again.
    Set<Object> answered = Set.copyOf(sinkRecordsByWorker.keySet());
    previousWritten.forEach(
        (worker, count) -> {
          if (answeredLast.contains(worker)) {
            now.putIfAbsent(worker, count);
          }
        });
    answeredLast = answered;
    previousWritten = now;
  }

  public synchronized LagReport lag() {
    return lag;
  }

  public synchronized ThroughputReport throughput() {
    RatePoint latest = series.latest();
    return new ThroughputReport(
        latest == null ? 0 : latest.inRecordsPerSecond(),
        latest == null ? 0 : latest.outRecordsPerSecond(),
        interval.toSeconds(),
        series.values());
  }

  /** Partitions of each input topic at the last collection; empty before the first. */
  public synchronized Map<String, Integer> inputPartitions() {
    return Map.copyOf(inputPartitions);
  }

  /** The recommendations kept, oldest first, to pass back to the autoscaler. */
  public synchronized List<Autoscaler.Recommendation> recommendations() {
    return List.copyOf(recommendations);
  }

  /** Keeps a recommendation, forgetting those older than {@code keep}. */
  public synchronized void recommended(Autoscaler.Recommendation recommendation, Duration keep) {
    recommendations.add(recommendation);
    recommendations.removeIf(r -> r.at().isBefore(recommendation.at().minus(keep)));
  }
}
