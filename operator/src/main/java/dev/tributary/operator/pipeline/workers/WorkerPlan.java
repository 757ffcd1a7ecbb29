package dev.tributary.operator.pipeline.workers;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.rollout.UpdateStrategy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the workers of one pipeline should be, decided by the reconciler before the workload's
 * resources are built from it: every resource class is a function of this plan (and, for a rollout
 * that must not overlap old and new workers, of what runs now).
 *
 * @param document the document the workers read, as YAML
 * @param replicas how many workers run (0 when paused)
 * @param restartedAt the pipeline's restart annotation, copied onto the pod template, or null
 * @param generation the pipeline resource's {@code metadata.generation} this plan is made from
 * @param kafkaUser on a secured cluster, the user of the pipeline's Kafka credential, whose Secret
 *     the pods mount; null otherwise
 * @param retiredApplications application ids of earlier generations of the state still to be
 *     removed, recorded on the document's ConfigMap
 */
public record WorkerPlan(
    String namespace,
    String team,
    String topicPrefix,
    ValidatedPipeline pipeline,
    String document,
    int replicas,
    String restartedAt,
    long generation,
    WorkerPodSettings settings,
    String kafkaUser,
    List<String> retiredApplications) {

  public WorkerPlan {
    retiredApplications = List.copyOf(retiredApplications);
  }

  private static final String CONTEXT_KEY = WorkerPlan.class.getName();

  public static WorkerPlan of(
      String namespace,
      String team,
      String topicPrefix,
      ValidatedPipeline pipeline,
      int replicas,
      String restartedAt,
      long generation,
      WorkerPodSettings settings) {
    return of(
        namespace, team, topicPrefix, pipeline, replicas, restartedAt, generation, settings, null);
  }

  public static WorkerPlan of(
      String namespace,
      String team,
      String topicPrefix,
      ValidatedPipeline pipeline,
      int replicas,
      String restartedAt,
      long generation,
      WorkerPodSettings settings,
      String kafkaUser) {
    try {
      return new WorkerPlan(
          namespace,
          team,
          topicPrefix,
          pipeline,
          PipelineMapper.yaml().writeValueAsString(pipeline.document()),
          replicas,
          restartedAt,
          generation,
          settings,
          kafkaUser,
          List.of());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "pipeline " + pipeline.name() + " cannot be written as YAML", e);
    }
  }

  /** The same plan, recording {@code retired} as still to be removed. */
  public WorkerPlan withRetiredApplications(List<String> retired) {
    return new WorkerPlan(
        namespace,
        team,
        topicPrefix,
        pipeline,
        document,
        replicas,
        restartedAt,
        generation,
        settings,
        kafkaUser,
        retired);
  }

  /** Hands the plan to the workload's resources for this reconciliation. */
  public void putInto(Context<?> context) {
    context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, this);
  }

  /** The plan of this reconciliation. */
  public static WorkerPlan from(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(CONTEXT_KEY, WorkerPlan.class);
  }

  public String name() {
    return pipeline.name();
  }

  /**
   * Whether the pipeline keeps state in stores — a table, an aggregate, a join, a deduplication —
   * and so runs as a StatefulSet, each replica with a volume of its own.
   */
  public boolean keepsState() {
    return !pipeline.spec().tablesOrEmpty().isEmpty()
        || pipeline.spec().stepsOrEmpty().stream()
            .anyMatch(step -> UpdateStrategy.STATEFUL_STEPS.contains(step.kind()));
  }

  /** The shape of the topology, which decides between a rolling update and a recreate. */
  public String shapeFingerprint() {
    return UpdateStrategy.fingerprint(pipeline.spec());
  }

  /** A digest of the document: when it changes, the pod template changes and the workers roll. */
  public String documentDigest() {
    return sha256(document);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
