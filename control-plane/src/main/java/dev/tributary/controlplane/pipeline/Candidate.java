package dev.tributary.controlplane.pipeline;

import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document that passed validation for one team, in its canonical JSON form: the form stored in
 * revisions and compared to tell a real change from a retry.
 */
public record Candidate(ValidatedPipeline validated, String canonicalJson) {

  public PipelineDocument document() {
    return validated.document();
  }

  public String name() {
    return validated.name();
  }

  public int maxReplicas() {
    return validated.spec().runtimeOrDefault().replicasOrDefault().maxOrDefault();
  }

  /**
   * The topics the deploy target provides for this revision — its plan's sources, tables, sinks and
   * dead-letter topic — each with the partitions it counts for in the team's quotas: those the
   * document asks for, or 1, the least a topic has, when it does not say.
   */
  public Map<String, Integer> plannedTopics() {
    Map<String, Integer> topics = new LinkedHashMap<>();
    for (TopicPlan topic : Planner.plan(validated).topics()) {
      topics.put(topic.name(), topic.partitionsOr(1));
    }
    return topics;
  }
}
