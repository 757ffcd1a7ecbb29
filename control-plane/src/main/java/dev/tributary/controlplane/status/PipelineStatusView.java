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

  public static PipelineStatusView of(
      String team,
      String name,
      int revision,
      String state,
      String target,
      DeploymentStatus status) {
    return new PipelineStatusView(
        team,
        name,
        revision,
        state,
        target,
        status.phase(),
        status.conditions(),
        status.deployedRevision(),
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
