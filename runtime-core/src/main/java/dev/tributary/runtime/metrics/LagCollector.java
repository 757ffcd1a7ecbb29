package dev.tributary.runtime.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures the lag and throughput of every pipeline in one go: one {@link OffsetReader} reading for
 * all groups, then each pipeline's share of it goes into its {@link PipelineMetrics}.
 */
public final class LagCollector {

  private final OffsetReader reader;

  public LagCollector(OffsetReader reader) {
    this.reader = reader;
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
    for (MonitoredPipeline pipeline : pipelines) {
      pipeline
          .metrics()
          .record(snapshot, pipeline.group(), pipeline.inputTopics(), pipeline.outputTopics());
    }
    return snapshot;
  }
}
