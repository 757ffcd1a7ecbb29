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

  private PipelineAnnotations() {}

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
