package dev.tributary.pipeline.plan;

import java.util.Map;
import java.util.OptionalInt;

/**
 * One topic a pipeline needs, as the deploy target should create it when it is missing. An existing
 * topic is never shrunk: partitions only grow, and configs are only added.
 *
 * @param partitions the partitions the document asks for, or empty for the team's default
 */
public record TopicPlan(
    String name, TopicRole role, OptionalInt partitions, Map<String, String> configs) {

  public TopicPlan {
    configs = Map.copyOf(configs);
  }

  public int partitionsOr(int teamDefault) {
    return partitions.orElse(teamDefault);
  }
}
