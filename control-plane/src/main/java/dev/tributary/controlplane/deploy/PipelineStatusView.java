package dev.tributary.controlplane.deploy;

import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
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
            description = "The deploy target in use; `none` until one is configured.",
            example = "none")
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
            example = "Pending")
        PipelinePhase phase,
    List<Condition> conditions,
    @Schema(description = "The revision the workers run; absent when none runs.")
        Integer deployedRevision,
    DeploymentStatus.Replicas replicas,
    @Schema(description = "Consumer lag summed over the input partitions.") Long lagRecords,
    @Schema(description = "Records processed per second over the last minute.")
        Double recordsPerSecond,
    List<DeploymentStatus.StateStoreHealth> stateStores) {

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
        status.lagRecords(),
        status.recordsPerSecond(),
        status.stateStores());
  }
}
