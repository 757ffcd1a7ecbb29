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
 * throughput in and out for the last hour, and the autoscaler's past recommendations. Updated by
 * each collection, read by status requests; thread-safe.
 */
public final class PipelineMetrics {

  private static final Duration HOUR = Duration.ofHours(1);

  private final Duration lagWindow;
  private final Duration interval;
  private final Map<TopicPartition, LagWindow> windows = new HashMap<>();
  private final RingBuffer<RatePoint> series;
  private final List<Autoscaler.Recommendation> recommendations = new ArrayList<>();
  private Instant previousAt;
  private Map<TopicPartition, Long> previousCommitted = Map.of();
  private Map<TopicPartition, Long> previousEnds = Map.of();
  private LagReport lag = LagReport.UNKNOWN;
  private Map<String, Integer> inputPartitions = Map.of();

  /**
   * @param lagWindow how long lag samples are kept to judge the lag's trend
   * @param interval the time between two collections; an hour of them is kept
   */
  public PipelineMetrics(Duration lagWindow, Duration interval) {
    this.lagWindow = lagWindow;
    this.interval = interval;
    this.series =
        new RingBuffer<>(
            (int) Math.max(360, Math.ceil(HOUR.toMillis() / (double) interval.toMillis())));
  }

  /**
   * Adds one collection's offsets for this pipeline. A collection that could not read the group's
   * committed offsets is skipped rather than shown as a jump of lag.
   */
  public synchronized void record(
      OffsetSnapshot snapshot,
      String group,
      Collection<String> inputTopics,
      Collection<String> outputTopics) {
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
        List<LagSample> samples = window.samples();
        LagStatus status = LagEvaluation.evaluate(samples, active);
        double seconds = LagEvaluation.lagTime(samples).toMillis() / 1000.0;
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
              OffsetRate.recordsPerSecond(previousEnds, endsNow, between)));
    }
    previousAt = snapshot.at();
    previousCommitted = committedNow;
    previousEnds = endsNow;
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
