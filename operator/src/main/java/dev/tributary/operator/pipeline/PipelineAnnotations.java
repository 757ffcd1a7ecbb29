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

  private PipelineAnnotations() {}

  static boolean paused(PipelineResource resource) {
    return "true".equalsIgnoreCase(annotations(resource).get(PAUSED));
  }

  static String restartedAt(PipelineResource resource) {
    return annotations(resource).get(RESTARTED_AT);
  }

  private static Map<String, String> annotations(PipelineResource resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
