package dev.tributary.controlplane.deploy;

import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import java.util.List;

/**
 * What a deploy target observes of one pipeline. Metrics are null when the target measures none;
 * they are never invented.
 *
 * @param deployedRevision the revision the workers run, null when none runs
 * @param replicas ready and desired workers, null when none are managed
 * @param lagRecords consumer lag summed over the input partitions
 * @param recordsPerSecond records processed per second over the last minute
 * @param stateStores health of each state store, empty when unknown
 */
public record DeploymentStatus(
    PipelinePhase phase,
    List<Condition> conditions,
    Integer deployedRevision,
    Replicas replicas,
    Long lagRecords,
    Double recordsPerSecond,
    List<StateStoreHealth> stateStores) {

  public DeploymentStatus {
    conditions = List.copyOf(conditions);
    stateStores = List.copyOf(stateStores);
  }

  public record Replicas(int desired, int ready) {}

  /**
   * @param state e.g. RUNNING, RESTORING
   * @param restoreRemainingRecords records still to restore from the changelog
   */
  public record StateStoreHealth(String name, String state, Long restoreRemainingRecords) {}
}
