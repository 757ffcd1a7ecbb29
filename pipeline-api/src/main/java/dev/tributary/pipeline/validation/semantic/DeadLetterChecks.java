package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.DEAD_LETTER_CONFLICT;

import dev.tributary.pipeline.spec.PipelineSpec;

/** The dead-letter topic: the one the document names, or one inside the team's prefix. */
final class DeadLetterChecks {

  private final CheckContext context;
  private final TopicChecks topics;

  DeadLetterChecks(CheckContext context, TopicChecks topics) {
    this.context = context;
    this.topics = topics;
  }

  /** Checks the named dead-letter topic; returns the pipeline's dead-letter topic. */
  String check() {
    PipelineSpec spec = context.spec();
    if (spec.deadLetter() != null && spec.deadLetter().topic() != null) {
      String topic = spec.deadLetter().topic();
      topics.topic("spec.deadLetter.topic", topic);
      if (context.readTopics().containsKey(topic)) {
        context.error(
            "spec.deadLetter.topic",
            DEAD_LETTER_CONFLICT,
            "the dead-letter topic '"
                + topic
                + "' is also read by "
                + context.readTopics().get(topic)
                + ", which would feed failed records back into the pipeline");
      }
      return topic;
    }
    return context.topicPrefix() + context.document().metadata().name() + ".dead-letter";
  }
}
