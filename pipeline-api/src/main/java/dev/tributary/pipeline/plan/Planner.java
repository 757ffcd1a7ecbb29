package dev.tributary.pipeline.plan;

import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.ReplicasSpec;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Pure planning functions shared by the Kubernetes operator and the local runtime, so that both
 * deploy targets provision and scale a pipeline the same way.
 */
public final class Planner {

  /** Dead letters are kept a week: long enough to notice, look and replay. */
  static final String DEAD_LETTER_RETENTION_MS = String.valueOf(7L * 24 * 3600 * 1000);

  private Planner() {}

  /** The topics a pipeline needs and the names Kafka Streams will use for its own. */
  public static PipelinePlan plan(ValidatedPipeline pipeline) {
    PipelineSpec spec = pipeline.spec();
    Map<String, TopicPlan> topics = new LinkedHashMap<>();
    for (SourceSpec source : spec.sourcesOrEmpty()) {
      add(
          topics,
          new TopicPlan(source.topic(), TopicRole.SOURCE, optional(source.partitions()), Map.of()));
    }
    for (TableSpec table : spec.tablesOrEmpty()) {
      // A table's topic keeps the latest value per key: compaction is what makes it a table.
      add(
          topics,
          new TopicPlan(
              table.topic(),
              TopicRole.TABLE,
              optional(table.partitions()),
              Map.of("cleanup.policy", "compact")));
    }
    for (SinkSpec sink : spec.sinksOrEmpty()) {
      add(
          topics,
          new TopicPlan(sink.topic(), TopicRole.SINK, optional(sink.partitions()), Map.of()));
    }
    add(
        topics,
        new TopicPlan(
            pipeline.deadLetterTopic(),
            TopicRole.DEAD_LETTER,
            OptionalInt.empty(),
            Map.of("retention.ms", DEAD_LETTER_RETENTION_MS)));
    return new PipelinePlan(
        pipeline.applicationId(), pipeline.applicationId() + "-", new ArrayList<>(topics.values()));
  }

  /**
   * The replica range that makes sense for a pipeline whose input topics have the given partitions.
   * A Kafka Streams task owns one partition of each input, and a replica without a task sits idle,
   * so replicas beyond the largest input partition count are never planned.
   *
   * @param inputPartitions partitions per source and table topic, as they exist now
   */
  public static ReplicaBounds replicaBounds(
      ValidatedPipeline pipeline, Map<String, Integer> inputPartitions) {
    ReplicasSpec replicas = pipeline.spec().runtimeOrDefault().replicasOrDefault();
    int tasks = 0;
    for (SourceSpec source : pipeline.spec().sourcesOrEmpty()) {
      tasks = Math.max(tasks, inputPartitions.getOrDefault(source.topic(), 1));
    }
    for (TableSpec table : pipeline.spec().tablesOrEmpty()) {
      tasks = Math.max(tasks, inputPartitions.getOrDefault(table.topic(), 1));
    }
    tasks = Math.max(tasks, 1);
    int max = Math.min(replicas.maxOrDefault(), tasks);
    int min = Math.min(replicas.minOrDefault(), max);
    return new ReplicaBounds(min, max, tasks, replicas.maxOrDefault() > tasks);
  }

  private static void add(Map<String, TopicPlan> topics, TopicPlan topic) {
    // A topic named twice (one sink topic for two sinks) is planned once, with the larger ask.
    topics.merge(
        topic.name(),
        topic,
        (a, b) -> a.partitions().orElse(0) >= b.partitions().orElse(0) ? a : b);
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
