package dev.tributary.pipeline.validation;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.StepSpec;
import java.util.List;
import java.util.Map;

/**
 * A pipeline that passed validation, with everything the planner, the worker and the explain view
 * need resolved: the team and its topic prefix, the Kafka Streams application id, the dead-letter
 * topic, the type and shape of every source, table, step and branch, and the steps in an order
 * where each comes after its inputs.
 */
public record ValidatedPipeline(
    PipelineDocument document,
    String team,
    String topicPrefix,
    String deadLetterTopic,
    Map<String, Node> nodes,
    List<StepSpec> stepsInOrder,
    Map<String, JoinPlan> joins) {

  public ValidatedPipeline {
    nodes = Map.copyOf(nodes);
    stepsInOrder = List.copyOf(stepsInOrder);
    joins = Map.copyOf(joins);
  }

  public String name() {
    return document.metadata().name();
  }

  public PipelineSpec spec() {
    return document.spec();
  }

  /**
   * The Kafka Streams application id and consumer group: inside the team's prefix, so that the
   * team's prefixed ACLs cover the internal topics Kafka Streams creates.
   */
  public String applicationId() {
    return topicPrefix + name();
  }

  public Node node(String name) {
    Node node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no source, table, step or branch named " + name);
    }
    return node;
  }

  /** The fields a step's expressions see: its input's, or for a join its {@link JoinPlan}. */
  public RecordType inputType(StepSpec step) {
    return node(step.input()).type();
  }

  public JoinPlan join(String stepName) {
    JoinPlan plan = joins.get(stepName);
    if (plan == null) {
      throw new IllegalArgumentException("no join step named " + stepName);
    }
    return plan;
  }
}
