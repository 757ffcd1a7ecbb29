package dev.tributary.operator.pipeline;

import java.util.Map;

/** What people and tools say to a {@code Pipeline} through its annotations. */
public final class PipelineAnnotations {

  /** {@code "true"} stops every worker; topics, committed offsets and state stay. */
  public static final String PAUSED = "tributary.dev/paused";

  /**
   * Any new value (a time, by convention) replaces every worker, one at a time, as {@code kubectl
   * rollout restart} does: the operator copies it onto the pod template.
   */
  public static final String RESTARTED_AT = "tributary.dev/restartedAt";

  /**
   * Set or changed (any value, e.g. a time), it gives the pipeline's workers a new Kafka credential
   * on a secured cluster: the next generation's user, pods rolled onto it, then the previous user
   * removed.
   */
  public static final String ROTATE_KAFKA_CREDENTIAL = "tributary.dev/rotateKafkaCredential";

  /**
   * The generation of the pipeline's state to run, a whole number from 1 (the default): a higher or
   * lower number than the one running starts that generation, with its own application id, consumer
   * group, internal topics and stores, from the offsets handed over by the one that ran (see
   * docs/upgrades.md). The control plane sets it from its catalog; without it, a changed spec with
   * {@code spec.upgrade.mode: reset-state} starts the next generation.
   */
  public static final String STATE_GENERATION = "tributary.dev/state-generation";

  private PipelineAnnotations() {}

  /**
   * The state generation the annotation asks for: empty without the annotation, 0 when its value is
   * not a whole number of 1 or more.
   */
  static java.util.OptionalInt stateGeneration(PipelineResource resource) {
    String value = annotations(resource).get(STATE_GENERATION);
    if (value == null) {
      return java.util.OptionalInt.empty();
    }
    try {
      int generation = Integer.parseInt(value.strip());
      return java.util.OptionalInt.of(Math.max(generation, 0));
    } catch (NumberFormatException e) {
      return java.util.OptionalInt.of(0);
    }
  }

  static boolean paused(PipelineResource resource) {
    return "true".equalsIgnoreCase(annotations(resource).get(PAUSED));
  }

  static String rotateKafkaCredential(PipelineResource resource) {
    return annotations(resource).get(ROTATE_KAFKA_CREDENTIAL);
  }

  static String restartedAt(PipelineResource resource) {
    return annotations(resource).get(RESTARTED_AT);
  }

  private static Map<String, String> annotations(PipelineResource resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
