package dev.tributary.controlplane.deploy;

import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.condition.ConditionReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * "No deploy target configured": deploys nothing and says so. Every pipeline stays {@code Pending}
 * with a {@code Ready=False} condition of reason {@code NoDeployTarget}, and no metrics. It
 * remembers the last thousand calls, so tests can see what the real targets will receive. It is the
 * target when {@code tributary.deploy.target} is {@code none} (see {@link DeployTargets}).
 */
@ApplicationScoped
@Typed(NoDeployTarget.class)
public class NoDeployTarget implements DeployTarget {

  private static final int MAX_REMEMBERED = 1_000;

  /** One call this target received. */
  public record Call(String operation, PipelineRef pipeline, Integer revision) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "none";
  }

  @Override
  public boolean runsPipelines() {
    return false;
  }

  @Override
  public void apply(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    remember(new Call("apply", pipeline, revision));
  }

  @Override
  public void pause(PipelineRef pipeline) {
    remember(new Call("pause", pipeline, null));
  }

  @Override
  public void resume(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    remember(new Call("resume", pipeline, revision));
  }

  @Override
  public void restart(PipelineRef pipeline) {
    remember(new Call("restart", pipeline, null));
  }

  @Override
  public void delete(PipelineRef pipeline) {
    remember(new Call("delete", pipeline, null));
  }

  @Override
  public DeploymentStatus status(PipelineRef pipeline) {
    Condition ready =
        new Condition(
            Condition.READY,
            "False",
            ConditionReason.NO_DEPLOY_TARGET.wire(),
            "no deploy target is configured: the pipeline is recorded in the catalog but does"
                + " not run",
            null,
            null);
    return DeploymentStatus.unmeasured(PipelinePhase.PENDING, List.of(ready));
  }

  /** The calls received, oldest first (at most the last thousand). */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  private void remember(Call call) {
    calls.add(call);
    while (calls.size() > MAX_REMEMBERED) {
      calls.remove(0);
    }
  }
}
