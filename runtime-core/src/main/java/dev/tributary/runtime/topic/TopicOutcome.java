package dev.tributary.runtime.topic;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tributary.pipeline.plan.TopicRole;

/**
 * What provisioning did to one planned topic.
 *
 * @param partitions the partitions the topic has now (0 when it could not be read)
 * @param detail what changed, what was kept, or what is wrong, for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopicOutcome(
    String topic, TopicRole role, Result result, int partitions, String detail) {

  /** The most significant thing that happened to the topic. */
  public enum Result {
    CREATED,
    UPDATED,
    UNCHANGED,
    FAILED
  }

  public boolean failed() {
    return result == Result.FAILED;
  }
}
