package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.DEAD_LETTER_CONFLICT;
import static dev.tributary.pipeline.validation.ValidationCode.SINK_IS_INPUT;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.validation.Node;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Sinks: each writes a topic of its own from a source, table, step or branch of the pipeline. */
final class SinkChecks {

  private final CheckContext context;
  private final TopicChecks topics;
  private final References references;
  private final ExpressionChecks expressions;

  SinkChecks(
      CheckContext context,
      TopicChecks topics,
      References references,
      ExpressionChecks expressions) {
    this.context = context;
    this.topics = topics;
    this.references = references;
    this.expressions = expressions;
  }

  /** Checks the sinks, after every step; {@code deadLetter} is the pipeline's dead-letter topic. */
  void check(String deadLetter) {
    Set<String> referable = new TreeSet<>(context.nodes().keySet());
    List<SinkSpec> sinks = context.spec().sinksOrEmpty();
    for (int i = 0; i < sinks.size(); i++) {
      SinkSpec sink = sinks.get(i);
      String path = "spec.sinks[" + i + "]";
      topics.topic(path + ".topic", sink.topic());
      topics.format(path + ".format", sink.formatOrDefault());
      topics.partitions(path + ".partitions", sink.partitions(), sink.topic());
      if (context.readTopics().containsKey(sink.topic())) {
        context.error(
            path + ".topic",
            SINK_IS_INPUT,
            "sink topic '"
                + sink.topic()
                + "' is also read by this pipeline, which would feed its output back into itself");
      } else if (sink.topic().equals(deadLetter)) {
        context.error(
            path + ".topic",
            DEAD_LETTER_CONFLICT,
            "'"
                + sink.topic()
                + "' is the pipeline's dead-letter topic; write results to a topic of their own");
      }
      Node input = context.nodes().get(sink.input());
      if (input == null) {
        // A step or branch that failed its own checks already has errors; it is not dangling.
        if (!references.isStepName(sink.input()) && !references.isBranchOfKnownStep(sink.input())) {
          references.dangling(path + ".input", sink.input(), referable);
        }
        continue;
      }
      references.branchStepInput(path + ".input", sink.input());
      if (sink.key() != null) {
        FieldType type = expressions.expression(path + ".key", sink.key(), input.type());
        expressions.scalar(path + ".key", sink.key(), type);
      }
    }
  }
}
