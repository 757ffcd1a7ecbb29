package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.FORMAT_UNSUPPORTED;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_TOPIC;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_VALUE;
import static dev.tributary.pipeline.validation.ValidationCode.TOPIC_OUTSIDE_PREFIX;

import dev.tributary.pipeline.spec.Format;
import dev.tributary.pipeline.validation.semantic.CheckContext.Partitions;
import java.util.regex.Pattern;

/**
 * What sources, tables, sinks and the dead letter say about a topic: its name, inside the team's
 * prefix, its record format and its partitions.
 */
final class TopicChecks {

  private static final Pattern TOPIC = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");

  private final CheckContext context;

  TopicChecks(CheckContext context) {
    this.context = context;
  }

  void topic(String path, String topic) {
    if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      context.error(
          path,
          INVALID_TOPIC,
          "'"
              + topic
              + "' is not a Kafka topic name (letters, digits, '.', '_' and '-', at most 249)");
      return;
    }
    String topicPrefix = context.topicPrefix();
    if (!topicPrefix.isEmpty() && !topic.startsWith(topicPrefix)) {
      context.error(
          path,
          TOPIC_OUTSIDE_PREFIX,
          "topic '"
              + topic
              + "' is outside the team's prefix '"
              + topicPrefix
              + "'; name it "
              + topicPrefix
              + "…");
    }
  }

  void format(String path, Format format) {
    if (format != Format.JSON) {
      context.error(
          path,
          FORMAT_UNSUPPORTED,
          "format '"
              + format.value()
              + "' needs a schema registry, which this platform does not offer yet; use json");
    }
  }

  /** The declared partitions of a topic; null when not declared or out of range. */
  Partitions partitions(String path, Integer count, String topic) {
    if (count == null) {
      return null;
    }
    if (count < 1 || count > 10_000) {
      context.error(path, INVALID_VALUE, "partitions must be between 1 and 10000, got " + count);
      return null;
    }
    return new Partitions(count, topic);
  }
}
