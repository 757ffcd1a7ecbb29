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
    Map<String, JoinPlan> joins,
    int stateGeneration) {

  public ValidatedPipeline {
    nodes = Map.copyOf(nodes);
    stepsInOrder = List.copyOf(stepsInOrder);
    joins = Map.copyOf(joins);
    if (stateGeneration < 1) {
      throw new IllegalArgumentException("a state generation is 1 or more, got " + stateGeneration);
    }
  }

  /** The first generation of a pipeline's state. */
  public ValidatedPipeline(
      PipelineDocument document,
      String team,
      String topicPrefix,
      String deadLetterTopic,
      Map<String, Node> nodes,
      List<StepSpec> stepsInOrder,
      Map<String, JoinPlan> joins) {
    this(document, team, topicPrefix, deadLetterTopic, nodes, stepsInOrder, joins, 1);
  }

  /**
   * The same pipeline under another generation of its state: every {@code reset-state} update
   * starts a new one, with its own application id, consumer group, internal topics and stores.
   */
  public ValidatedPipeline withStateGeneration(int generation) {
    return generation == stateGeneration
        ? this
        : new ValidatedPipeline(
            document, team, topicPrefix, deadLetterTopic, nodes, stepsInOrder, joins, generation);
  }

  public String name() {
    return document.metadata().name();
  }

  public PipelineSpec spec() {
    return document.spec();
  }

  /**
   * The Kafka Streams application id and consumer group: inside the team's prefix, so that the
   * team's prefixed ACLs cover the internal topics Kafka Streams creates. The first generation of
   * the state is {@code <prefix><name>}, a later one {@code <prefix><name>.<generation>} (a
   * pipeline's name holds no dot, so no other pipeline's id can be the same).
   */
  public String applicationId() {
    return applicationId(topicPrefix, name(), stateGeneration);
  }

  /**
   * The generation of a pipeline's state that {@code applicationId} names, 0 when it names none of
   * this pipeline's (the inverse of {@link #applicationId(String, String, int)}).
   */
  public static int generationOf(String topicPrefix, String name, String applicationId) {
    String first = topicPrefix + name;
    if (applicationId.equals(first)) {
      return 1;
    }
    if (!applicationId.startsWith(first + ".")) {
      return 0;
    }
    String number = applicationId.substring(first.length() + 1);
    if (number.isEmpty() || number.length() > 9 || !number.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    int generation = Integer.parseInt(number);
    return generation >= 2 ? generation : 0;
  }

  /** The application id of {@code generation} of a pipeline's state. */
  public static String applicationId(String topicPrefix, String name, int generation) {
    return generation == 1 ? topicPrefix + name : topicPrefix + name + "." + generation;
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
