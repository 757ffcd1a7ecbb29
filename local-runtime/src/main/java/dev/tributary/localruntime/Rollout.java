package dev.tributary.localruntime;

import dev.tributary.localruntime.worker.WorkerProcess;
import java.time.Instant;
import java.util.List;

/**
 * Brings a pipeline's workers to what should run: the wanted number of replicas, all on the
 * revision that should run. Extra replicas stop first; missing ones start; outdated ones are
 * replaced one at a time, each new worker ready before the next old one stops, so that the pipeline
 * keeps processing through an update. A replica keeps its slot, and so its state directory, across
 * the replacement.
 */
final class Rollout {

  private final ManagedPipeline pipeline;
  private final WorkerSupervisor supervisor;

  Rollout(ManagedPipeline pipeline, WorkerSupervisor supervisor) {
    this.pipeline = pipeline;
    this.supervisor = supervisor;
  }

  /**
   * @param replaceAll replace workers that already run the right revision too (a restart)
   */
  void converge(boolean replaceAll) throws InterruptedException {
    Deployment deployment = pipeline.running();
    if (!pipeline.mayRun()) {
      return;
    }
    int desired = pipeline.desiredReplicas();
    supervisor.stop(pipeline.slotsFrom(desired));
    for (int i = 0; i < desired; i++) {
      ReplicaSlot slot = pipeline.slot(i);
      WorkerProcess worker = pipeline.worker(slot);
      if (worker == null) {
        if (!pipeline.restartPending(slot)) {
          supervisor.start(slot);
        }
        continue;
      }
      if (!replaceAll && worker.revision() == deployment.revision()) {
        continue;
      }
      pipeline.rolloutStarted(
          "replacing replica "
              + (i + 1)
              + " of "
              + desired
              + " with revision "
              + deployment.revision()
              + (replaceAll ? " (restart)" : ""));
      supervisor.stop(List.of(slot));
      supervisor.start(slot);
      if (!supervisor.awaitReady(slot)) {
        pipeline.rolloutStalled(
            "replica "
                + i
                + " of revision "
                + deployment.revision()
                + " did not become ready; the rollout stopped there and the other replicas were left as they are",
            Instant.now());
        return;
      }
    }
    pipeline.rolloutFinished(deployment.revision());
  }

  /** Stops every worker, then starts the wanted number on the revision that should run. */
  void recreate() throws InterruptedException {
    pipeline.rolloutStarted(
        "stopping every replica: the topology changed, so old and new workers must not overlap");
    supervisor.stop(pipeline.slots());
    pipeline.rolloutFinished(pipeline.running().revision());
    converge(false);
  }
}
