package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeployTargetConfig;
import dev.tributary.controlplane.deploy.local.LocalDeployTarget;
import dev.tributary.controlplane.problem.ProblemException;
import dev.tributary.controlplane.revision.Revision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * When the control plane starts with the local target, which keeps nothing across restarts of the
 * control plane, the catalog's pipelines run again: each pipeline's current revision is applied —
 * active ones start their workers, paused ones are recorded and stay paused. Their topics,
 * committed offsets and state directories are where the last run left them, so they carry on where
 * they stopped. Workers that a killed control plane left running are stopped by the runtime when it
 * starts, before any of this.
 */
@ApplicationScoped
public class CatalogAdoption {

  private static final Logger LOG = Logger.getLogger(CatalogAdoption.class);

  @Inject DeployTargetConfig config;
  @Inject LocalDeployTarget target;

  public void onStart(@Observes StartupEvent event) {
    if (config.target() != DeployTargetConfig.Kind.LOCAL) {
      return;
    }
    // Outside the transaction: starting the runtime may wait for left-behind workers to stop.
    target.runtime();
    QuarkusTransaction.requiringNew().run(this::adoptAll);
  }

  private void adoptAll() {
    List<Pipeline> pipelines = Pipeline.<Pipeline>find("order by team.slug, name").list();
    int adopted = 0;
    for (Pipeline pipeline : pipelines) {
      if (adopt(pipeline)) {
        adopted++;
      }
    }
    LOG.infof(
        "local deploy target: %d of %d pipelines of the catalog applied",
        adopted, pipelines.size());
  }

  private boolean adopt(Pipeline pipeline) {
    PipelineRef ref = new PipelineRef(pipeline.team.slug, pipeline.name);
    Revision current = Revision.find(pipeline, pipeline.currentRevision).orElse(null);
    if (current == null) {
      LOG.errorf("%s/%s: revision %d is missing", ref.team(), ref.name(), pipeline.currentRevision);
      return false;
    }
    Candidate candidate;
    try {
      // The team's prefix may have changed since the revision was written.
      candidate = PipelineValidation.recheck(pipeline.team, current.document);
    } catch (ProblemException e) {
      LOG.errorf(
          "%s/%s: revision %d is no longer valid and does not run: %s",
          ref.team(), ref.name(), current.number, e.getMessage());
      return false;
    }
    boolean paused = pipeline.state == PipelineState.PAUSED;
    target
        .adopt(
            ref,
            current.number,
            candidate.validated().withStateGeneration(pipeline.stateGeneration),
            paused)
        .whenComplete(
            (ok, error) -> {
              if (error != null) {
                LOG.warnf(
                    "%s/%s: revision %d could not be applied: %s",
                    ref.team(), ref.name(), current.number, error.getMessage());
              }
            });
    return true;
  }
}
