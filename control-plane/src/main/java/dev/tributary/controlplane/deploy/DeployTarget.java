package dev.tributary.controlplane.deploy;

import dev.tributary.pipeline.validation.ValidatedPipeline;

/**
 * Where pipelines run. The control plane records the desired state in its catalog and hands every
 * change to the deploy target; the target reports what actually runs. Targets: {@code kubernetes}
 * (writes Pipeline resources for the operator) and {@code local} (worker processes on this host)
 * come in later issues; until one is configured, {@link NoDeployTarget} is used.
 *
 * <p>Calls happen inside the catalog's transaction: a target that fails makes the write fail.
 */
public interface DeployTarget {

  /** The name shown in status, e.g. {@code kubernetes}, {@code local}, {@code none}. */
  String name();

  /** Runs (or keeps running) this revision of the pipeline. */
  void apply(PipelineRef pipeline, int revision, ValidatedPipeline validated);

  void pause(PipelineRef pipeline);

  void resume(PipelineRef pipeline);

  /** Restarts every worker of the pipeline, keeping its revision and state. */
  void restart(PipelineRef pipeline);

  /** Stops the pipeline and removes what the target created for it. */
  void delete(PipelineRef pipeline);

  DeploymentStatus status(PipelineRef pipeline);

  /** A pipeline by team and name. */
  record PipelineRef(String team, String name) {}
}
