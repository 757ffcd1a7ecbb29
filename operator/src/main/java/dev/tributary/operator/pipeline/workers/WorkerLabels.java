package dev.tributary.operator.pipeline.workers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The labels of a pipeline's workload, its pods and the resources around them. */
public final class WorkerLabels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String TEAM = "tributary.dev/team";
  public static final String PIPELINE = "tributary.dev/pipeline";

  public static final String WORKER = "tributary-worker";

  private WorkerLabels() {}

  /** What selects the pods of one pipeline; never changes for the pipeline's lifetime. */
  public static Map<String, String> selector(String pipeline) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, WORKER);
    labels.put(INSTANCE, pipeline);
    return labels;
  }

  /** The selector as text, for the scale subresource's {@code status.selector}. */
  public static String selectorText(String pipeline) {
    return selector(pipeline).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  static Map<String, String> all(WorkerPlan plan) {
    Map<String, String> labels = selector(plan.name());
    labels.put(MANAGED_BY, "tributary-operator");
    labels.put(PART_OF, "tributary");
    labels.put(TEAM, plan.team());
    labels.put(PIPELINE, plan.name());
    return labels;
  }
}
