package dev.tributary.pipeline.plan;

/** Why a pipeline needs a topic. */
public enum TopicRole {
  SOURCE,
  TABLE,
  SINK,
  DEAD_LETTER
}
