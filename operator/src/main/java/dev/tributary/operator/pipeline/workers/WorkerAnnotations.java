package dev.tributary.operator.pipeline.workers;

/**
 * What the operator writes on the resources it owns, to know in the next reconciliation what they
 * run.
 */
public final class WorkerAnnotations {

  /**
   * A digest of the resource as the operator last wanted it: a different digest means a change to
   * write, whatever defaults the API server filled in since.
   */
  public static final String DESIRED_DIGEST = "tributary.dev/desired-digest";

  /** On the workload: the fingerprint of the topology shape its pod template runs. */
  public static final String TOPOLOGY_SHAPE = "tributary.dev/topology-shape";

  /** On the workload: the pipeline's {@code metadata.generation} its pod template runs. */
  public static final String GENERATION = "tributary.dev/generation";

  /** On the pod template: a digest of the document, so that a new document rolls the workers. */
  public static final String DOCUMENT_DIGEST = "tributary.dev/document-digest";

  /** On the document's ConfigMap: the generation of the state the document runs with. */
  public static final String STATE_GENERATION = "tributary.dev/state-generation";

  /**
   * On the document's ConfigMap: application ids of earlier generations of the state, comma
   * separated, whose consumer group and internal topics are removed once the current one runs.
   */
  public static final String RETIRED_APPLICATIONS = "tributary.dev/retired-applications";

  private WorkerAnnotations() {}
}
