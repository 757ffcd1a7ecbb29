package dev.tributary.controlplane.testing;

import dev.tributary.controlplane.deploy.DeployTargetException;
import dev.tributary.controlplane.deploy.NoDeployTarget;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * The tests' deploy target: records calls like {@link NoDeployTarget}, and refuses changes while a
 * test asks it to, to show that a write failing half-way leaves nothing behind.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RefusableDeployTarget extends NoDeployTarget {

  private volatile boolean refusing;

  public void refuseChanges(boolean refuse) {
    this.refusing = refuse;
  }

  @Override
  public void apply(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    if (refusing) {
      throw new DeployTargetException(name(), "the test made it refuse changes");
    }
    super.apply(pipeline, revision, validated);
  }
}
