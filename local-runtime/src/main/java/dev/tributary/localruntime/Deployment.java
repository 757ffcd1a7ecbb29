package dev.tributary.localruntime;

import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One applied revision of a pipeline: its document on disk, its plan, and its replica bounds once
 * its topics exist (null before).
 */
record Deployment(
    ValidatedPipeline pipeline,
    long revision,
    Path pipelineFile,
    PipelinePlan plan,
    ReplicaBounds bounds) {

  Deployment withBounds(ReplicaBounds newBounds) {
    return new Deployment(pipeline, revision, pipelineFile, plan, newBounds);
  }

  Set<String> inputTopics() {
    return topics(TopicRole.SOURCE, TopicRole.TABLE);
  }

  Set<String> outputTopics() {
    return topics(TopicRole.SINK);
  }

  private Set<String> topics(TopicRole... roles) {
    Set<String> topics = new LinkedHashSet<>();
    for (TopicRole role : roles) {
      plan.topics(role).stream().map(TopicPlan::name).forEach(topics::add);
    }
    return topics;
  }
}
