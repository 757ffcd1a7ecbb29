package dev.tributary.runtime.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tributary.pipeline.scaling.LagStatus;
import java.util.List;

/**
 * A pipeline's consumer lag over all its input partitions (sources and tables).
 *
 * @param totalRecords lag summed over the partitions
 * @param lagSeconds the largest partition's lag in time
 * @param status the worst partition's status, judged over the sliding window (Burrow's rules)
 * @param consumersActive whether the pipeline's group has members
 * @param sampledAt when the offsets were read (RFC 3339), null before the first collection
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LagReport(
    long totalRecords,
    double lagSeconds,
    LagStatus status,
    boolean consumersActive,
    List<PartitionLag> partitions,
    String sampledAt) {

  public static final LagReport UNKNOWN =
      new LagReport(0, 0, LagStatus.UNKNOWN, false, List.of(), null);

  public LagReport {
    partitions = List.copyOf(partitions);
  }
}
