package dev.tributary.controlplane.status;

import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What runs of a pipeline, as its deploy target reports it. Unknown metrics are null. */
@Schema(name = "PipelineStatus")
public record PipelineStatusView(
    @Schema(example = "payments") String team,
    @Schema(example = "large-payments") String name,
    @Schema(description = "The revision in the catalog.", example = "3") int revision,
    @Schema(enumeration = {"active", "paused"}) String state,
    @Schema(
            description = "The deploy target in use: `local`, or `none` until one is configured.",
            example = "local")
        String deployTarget,
    @Schema(
            enumeration = {
              "Pending",
              "Provisioning",
              "Running",
              "Degraded",
              "Paused",
              "Failed",
              "Deleting"
            },
            example = "Running")
        PipelinePhase phase,
    List<Condition> conditions,
    @Schema(description = "The revision every worker runs; absent when none runs.")
        Integer deployedRevision,
    @Schema(
            description =
                "The Kafka Streams application id (and consumer group) the workers run under:"
                    + " <topic prefix><name>, or <topic prefix><name>.<n> after the pipeline's"
                    + " state was reset; absent when the deploy target does not say.",
            example = "payments.large-payments")
        String applicationId,
    @Schema(
            description =
                "The last automatic rollback: a revision that did not become Running within"
                    + " spec.upgrade.rollbackAfter was replaced by the document of the last"
                    + " revision that ran. Absent when there was none.")
        AutomaticRollback automaticRollback,
    DeploymentStatus.Replicas replicas,
    @Schema(description = "Consumer lag summed over the input partitions (`lag.totalRecords`).")
        Long lagRecords,
    @Schema(
            description =
                "Records consumed per second over the last interval"
                    + " (`throughput.inRecordsPerSecond`).")
        Double recordsPerSecond,
    DeploymentStatus.Lag lag,
    DeploymentStatus.Throughput throughput,
    List<DeploymentStatus.StateStoreHealth> stateStores,
    List<DeploymentStatus.Worker> workers,
    @Schema(description = "Restarts of workers after crashes.") Integer restarts,
    DeploymentStatus.Crash lastCrash,
    @Schema(description = "The last error a worker reported, or the last crash.") String lastError,
    @Schema(description = "Records sent to the dead-letter topic by the running workers.")
        Long deadLetteredRecords,
    @Schema(description = "When the metrics were collected.") Instant observedAt) {

  /** A revision that did not become Running in time, and the revision that replaced it. */
  @Schema(name = "AutomaticRollback")
  public record AutomaticRollback(
      @Schema(description = "The revision that did not become Running.", example = "2")
          int fromRevision,
      @Schema(description = "The revision whose document was restored.", example = "1")
          int toRevision,
      @Schema(description = "The revision the rollback wrote.", example = "3") int revision,
      Instant at,
      @Schema(
              description =
                  "Why: how long, the phase, and the Ready, TopicsReady and ReplicaFailure"
                      + " conditions that were not healthy.",
              example =
                  "revision 2 was not Running 30 s after it was written: phase Degraded; Ready:"
                      + " 0 of 1 replicas ready; ReplicaFailure: worker 0 exited with code 1")
          String reason) {}

  public static PipelineStatusView of(
      String team,
      String name,
      int revision,
      String state,
      String target,
      DeploymentStatus status,
      AutomaticRollback automaticRollback) {
    return new PipelineStatusView(
        team,
        name,
        revision,
        state,
        target,
        status.phase(),
        status.conditions(),
        status.deployedRevision(),
        status.applicationId(),
        automaticRollback,
        status.replicas(),
        status.lag() == null ? null : status.lag().totalRecords(),
        status.throughput() == null ? null : status.throughput().inRecordsPerSecond(),
        status.lag(),
        status.throughput(),
        status.stateStores(),
        status.workers(),
        status.restarts(),
        status.lastCrash(),
        status.lastError(),
        status.deadLetteredRecords(),
        status.observedAt());
  }
}
