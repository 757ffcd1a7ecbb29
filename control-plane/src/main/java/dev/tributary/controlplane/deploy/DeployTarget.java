package dev.tributary.controlplane.deploy;

import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import java.util.List;
import java.util.Map;

/**
 * Where pipelines run. The control plane records the desired state in its catalog and hands every
 * change to the deploy target; the target reports what actually runs. The targets are {@code local}
 * (worker processes on this host, {@code deploy.local.LocalDeployTarget}) and {@code kubernetes}
 * ({@code Pipeline} resources for the operator, {@code deploy.kubernetes.KubernetesDeployTarget});
 * {@code tributary.deploy.target} chooses, and {@link NoDeployTarget} is used when none is
 * configured.
 *
 * <p>Calls happen inside the catalog's transaction: a target that throws makes the write fail and
 * roll back. A target must answer in seconds, not minutes — it checks there what it can know at
 * once and carries out the change afterwards, showing its progress in {@link #status}.
 */
public interface DeployTarget {

  /** The name shown in status, e.g. {@code kubernetes}, {@code local}, {@code none}. */
  String name();

  /**
   * Whether the target runs pipelines at all, and so can report one Running; the catalog rolls back
   * a revision that does not become Running only on a target that does.
   */
  default boolean runsPipelines() {
    return true;
  }

  /**
   * Whether the target carries out {@code spec.upgrade.mode: reset-state} (a new application id
   * with fresh state); the catalog refuses such an update on a target that does not.
   */
  default boolean resetsState() {
    return false;
  }

  /**
   * Where the stream sources of {@code after} would start if the update were applied now: per
   * partition, the offset its new consumer group gets and where it comes from. Only for a {@code
   * reset-state} update on a target that {@link #resetsState() carries it out}; empty otherwise.
   *
   * @param before the revision running now, under its state generation
   * @param after the update, under the state generation it would start
   */
  default List<OffsetHandOver.StartingOffset> startingOffsets(
      PipelineRef pipeline, ValidatedPipeline before, ValidatedPipeline after) {
    return List.of();
  }

  /** Runs (or keeps running) this revision of the pipeline. */
  void apply(PipelineRef pipeline, int revision, ValidatedPipeline validated);

  void pause(PipelineRef pipeline);

  /**
   * Runs a paused pipeline again, with the catalog's current revision: changes made while it was
   * paused were recorded but not applied.
   */
  void resume(PipelineRef pipeline, int revision, ValidatedPipeline validated);

  /** Restarts every worker of the pipeline, keeping its revision and state. */
  void restart(PipelineRef pipeline);

  /**
   * Whether the pipelines' workers have Kafka credentials of their own (a secured cluster), which
   * {@link #rotateCredentials} can replace.
   */
  default boolean rotatesCredentials() {
    return false;
  }

  /**
   * Gives the pipeline's workers a new Kafka credential without stopping the pipeline: a new user
   * with the same ACLs, every worker replaced one at a time, the previous user removed.
   */
  default void rotateCredentials(PipelineRef pipeline) {
    throw new UnsupportedOperationException(name() + " gives pipelines no Kafka credentials");
  }

  /** Stops the pipeline and removes what the target created for it. */
  void delete(PipelineRef pipeline);

  DeploymentStatus status(PipelineRef pipeline);

  /**
   * The status of every pipeline the target runs, for metrics; empty when it runs none or measures
   * nothing.
   */
  default Map<PipelineRef, DeploymentStatus> statuses() {
    return Map.of();
  }

  /** A pipeline by team and name. */
  record PipelineRef(String team, String name) {}
}
