package dev.tributary.runtime.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tributary.pipeline.crd.PipelineStatus;
import java.util.List;

/**
 * Everything the local runtime knows of one pipeline. {@code status} is the same model the
 * Kubernetes operator writes to the Pipeline resource (phase, conditions, replica counts, deployed
 * revision), so both deploy targets report alike; the rest is measured.
 *
 * @param revision the revision last applied; {@code status.deployedRevision} is the one every
 *     worker runs
 * @param minReplicas the replica bounds, from the spec and the input partitions
 * @param restarts restarts after crashes, over all replicas
 * @param lastError the last error a worker reported, or the last crash, for people
 * @param deadLetteredRecords records sent to the dead-letter topic, summed over running workers
 * @param observedAt when the metrics were collected (RFC 3339)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineReport(
    String team,
    String name,
    String applicationId,
    long revision,
    PipelineStatus status,
    int minReplicas,
    int maxReplicas,
    LagReport lag,
    ThroughputReport throughput,
    List<StoreReport> stores,
    List<WorkerReport> workers,
    int restarts,
    CrashReport lastCrash,
    String lastError,
    long deadLetteredRecords,
    String observedAt) {

  public PipelineReport {
    stores = List.copyOf(stores);
    workers = List.copyOf(workers);
  }
}
