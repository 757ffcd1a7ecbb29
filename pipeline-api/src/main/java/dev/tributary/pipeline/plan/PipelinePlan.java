package dev.tributary.pipeline.plan;

import java.util.List;

/**
 * What a deploy target must provide for a pipeline before its workers start.
 *
 * @param applicationId the Kafka Streams application id and consumer group
 * @param internalTopicPrefix every internal topic (repartition, changelog) starts with it
 * @param topics the topics to create if missing, each once, sources first
 */
public record PipelinePlan(
    String applicationId, String internalTopicPrefix, List<TopicPlan> topics) {

  public PipelinePlan {
    topics = List.copyOf(topics);
  }

  public List<TopicPlan> topics(TopicRole role) {
    return topics.stream().filter(t -> t.role() == role).toList();
  }
}
