package dev.tributary.controlplane.pipeline;

import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.Node;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.explain.TopologyExplanation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * What a revision compiles to: the resolved shape, fields and key of every source, table, step and
 * branch (from validation), the topics the deploy target provisions (from the planner), and the
 * Kafka Streams topology the workers build (from the worker's compiler).
 */
@Schema(name = "Explanation")
public record Explanation(
    @Schema(example = "3") int revision,
    @Schema(example = "payments.large-payments") String applicationId,
    @Schema(description = "Steps in an order where each comes after its inputs.")
        List<String> stepOrder,
    List<NodeView> nodes,
    @Schema(description = "Topics to create when missing, sources first.") List<TopicPlan> topics,
    @Schema(description = "The compiled Kafka Streams topology; absent when the compiler failed.")
        TopologyExplanation topology,
    @Schema(
            description =
                "Why the topology is absent: the worker's compiler failed on this revision.")
        String topologyProblem) {

  private static final Logger LOG = Logger.getLogger(Explanation.class);

  @Schema(name = "ExplainedNode")
  public record NodeView(
      @Schema(example = "large") String name,
      @Schema(enumeration = {"SOURCE", "TABLE", "STEP", "BRANCH"}) String origin,
      @Schema(enumeration = {"STREAM", "TABLE"}) String shape,
      @Schema(description = "What the record key equals, when known.", example = "paymentId")
          String key,
      @Schema(description = "Field name to type.", example = "{\"amount\": \"double\"}")
          Map<String, String> fields) {}

  static Explanation of(int revision, ValidatedPipeline pipeline) {
    List<NodeView> nodes =
        pipeline.nodes().values().stream()
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .map(Explanation::node)
            .toList();
    TopologyExplanation topology = null;
    String problem = null;
    try {
      topology = TopologyExplanation.of(pipeline);
    } catch (RuntimeException e) {
      // A valid revision the compiler cannot build is a bug in the worker, not bad input: the
      // rest of the explanation still helps, and the reason is shown rather than a 500.
      LOG.warnf(e, "the topology compiler failed on %s", pipeline.applicationId());
      problem = "the topology compiler failed: " + e.getMessage();
    }
    return new Explanation(
        revision,
        pipeline.applicationId(),
        pipeline.stepsInOrder().stream().map(StepSpec::name).toList(),
        nodes,
        Planner.plan(pipeline).topics(),
        topology,
        problem);
  }

  private static NodeView node(Node node) {
    Map<String, String> fields = new LinkedHashMap<>();
    node.type().fields().forEach((field, type) -> fields.put(field, type.toString()));
    return new NodeView(node.name(), node.origin().name(), node.shape().name(), node.key(), fields);
  }
}
