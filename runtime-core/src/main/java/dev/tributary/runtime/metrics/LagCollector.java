package dev.tributary.runtime.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures the lag and throughput of every pipeline in one go: one {@link OffsetReader} reading for
 * all groups, one {@link RecordTimestamps} lookup for the partitions of all pipelines whose oldest
 * unprocessed record is older than their offset history, then each pipeline's share of it goes into
 * its {@link PipelineMetrics}.
 */
public final class LagCollector {

  private final OffsetReader reader;
  private final RecordTimestamps timestamps;

  /**
   * @param timestamps reads records' timestamps; null to go without (the lag in time of a partition
   *     behind since before the history is then a lower bound)
   */
  public LagCollector(OffsetReader reader, RecordTimestamps timestamps) {
    this.reader = reader;
    this.timestamps = timestamps;
  }

  /**
   * @return the snapshot the pipelines were measured from
   */
  public OffsetSnapshot collect(Collection<? extends MonitoredPipeline> pipelines)
      throws InterruptedException {
    Map<String, Set<String>> inputsByGroup = new HashMap<>();
    Set<String> outputs = new HashSet<>();
    for (MonitoredPipeline pipeline : pipelines) {
      inputsByGroup
          .computeIfAbsent(pipeline.group(), g -> new HashSet<>())
          .addAll(pipeline.inputTopics());
      outputs.addAll(pipeline.outputTopics());
    }
    OffsetSnapshot snapshot = reader.read(inputsByGroup, outputs);
    Map<TopicPartition, Long> wanted = new HashMap<>();
    if (timestamps != null) {
      for (MonitoredPipeline pipeline : pipelines) {
        // Two pipelines reading one partition from different offsets: one of them is looked up
        // now, the other at the next collection.
        pipeline
            .metrics()
            .timestampsWanted(snapshot, pipeline.group(), pipeline.inputTopics())
            .forEach(wanted::putIfAbsent);
      }
    }
    Map<TopicPartition, Long> found = wanted.isEmpty() ? Map.of() : timestamps.at(wanted);
    for (MonitoredPipeline pipeline : pipelines) {
      Map<TopicPartition, Long> theirs = new HashMap<>();
      Map<TopicPartition, Long> committed = snapshot.committed(pipeline.group());
      found.forEach(
          (tp, timestamp) -> {
            if (wanted.get(tp).equals(committed.getOrDefault(tp, 0L))) {
              theirs.put(tp, timestamp);
            }
          });
      pipeline
          .metrics()
          .record(
              snapshot, pipeline.group(), pipeline.inputTopics(), pipeline.outputTopics(), theirs);
    }
    return snapshot;
  }
}
