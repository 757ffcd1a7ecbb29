package dev.tributary.runtime.topic;

import dev.tributary.pipeline.plan.TopicRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of provisioning a pipeline's topics, one entry per planned topic, in plan order. */
public record TopicProvisioning(List<TopicOutcome> topics) {

  public TopicProvisioning {
    topics = List.copyOf(topics);
  }

  public boolean succeeded() {
    return topics.stream().noneMatch(TopicOutcome::failed);
  }

  /** Partitions per topic as they are now, for the replica bounds. */
  public Map<String, Integer> partitions() {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    topics.forEach(t -> partitions.put(t.topic(), t.partitions()));
    return partitions;
  }

  /** The topics the pipeline reads: sources and tables. */
  public Map<String, Integer> inputPartitions() {
    Map<String, Integer> partitions = new LinkedHashMap<>();
    topics.stream()
        .filter(t -> t.role() == TopicRole.SOURCE || t.role() == TopicRole.TABLE)
        .forEach(t -> partitions.put(t.topic(), t.partitions()));
    return partitions;
  }

  /** One line per failed topic, or an empty string. */
  public String failures() {
    return topics.stream()
        .filter(TopicOutcome::failed)
        .map(t -> t.topic() + ": " + t.detail())
        .collect(Collectors.joining("; "));
  }

  /** One line per topic that was created or changed, or an empty string. */
  public String changes() {
    return topics.stream()
        .filter(
            t ->
                t.result() == TopicOutcome.Result.CREATED
                    || t.result() == TopicOutcome.Result.UPDATED)
        .map(t -> t.topic() + ": " + t.detail())
        .collect(Collectors.joining("; "));
  }
}
