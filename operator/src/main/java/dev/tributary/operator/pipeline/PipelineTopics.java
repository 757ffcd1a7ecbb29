package dev.tributary.operator.pipeline;

import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.runtime.topic.BatchedTopicProvisioner;
import dev.tributary.runtime.topic.TopicProvisioner;
import dev.tributary.runtime.topic.TopicProvisioning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pipeline's topics, made as planned by runtime-core's {@link TopicProvisioner} — the batched
 * Admin calls the local target makes, which never shrink or delete a topic and return once every
 * partition's leader takes writes — together with those of every other pipeline asking at the same
 * time ({@link BatchedTopicProvisioner}).
 *
 * <p>A reconciliation runs on every change of the pipeline and of its workload (each pod that
 * becomes ready). Kafka is asked again when the pipeline's generation changed, when the last try
 * failed, or when {@code recheckAfter} has passed, so that a topic deleted behind the pipeline's
 * back comes back; otherwise the last outcome stands.
 */
public final class PipelineTopics {

  private record Provisioned(long generation, Instant at, TopicProvisioning outcome) {}

  private final BatchedTopicProvisioner provisioner;
  private final Duration recheckAfter;
  private final Clock clock;
  private final Map<String, Provisioned> byResource = new ConcurrentHashMap<>();

  public PipelineTopics(BatchedTopicProvisioner provisioner, Duration recheckAfter, Clock clock) {
    this.provisioner = provisioner;
    this.recheckAfter = recheckAfter;
    this.clock = clock;
  }

  /**
   * @param uid the pipeline resource's uid: a pipeline deleted and created again starts afresh
   */
  TopicProvisioning ensure(String uid, long generation, PipelinePlan plan)
      throws InterruptedException {
    Instant now = clock.instant();
    Provisioned last = byResource.get(uid);
    if (last != null
        && last.generation() == generation
        && last.outcome().succeeded()
        && last.at().plus(recheckAfter).isAfter(now)) {
      return last.outcome();
    }
    TopicProvisioning outcome = provisioner.provision(plan.topics());
    byResource.put(uid, new Provisioned(generation, now, outcome));
    return outcome;
  }

  Duration recheckAfter() {
    return recheckAfter;
  }

  void forget(String uid) {
    byResource.remove(uid);
  }
}
