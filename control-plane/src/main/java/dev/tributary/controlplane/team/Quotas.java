package dev.tributary.controlplane.team;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a team may use at most. */
@Schema(name = "Quotas")
public record Quotas(
    @Schema(description = "Pipelines the team may have.", example = "50")
        @NotNull
        @Min(0)
        @Max(100_000)
        Integer maxPipelines,
    @Schema(
            description = "Sum of spec.runtime.replicas.max over the team's pipelines.",
            example = "100")
        @NotNull
        @Min(0)
        @Max(1_000_000)
        Integer maxTotalReplicas,
    @Schema(description = "Partitions any one topic of the team may ask for.", example = "24")
        @NotNull
        @Min(1)
        @Max(10_000)
        Integer maxPartitionsPerTopic,
    @Schema(
            description =
                "Topics the team's pipelines may use: every topic their plans name (sources,"
                    + " tables, sinks, dead-letter topics), a topic named by several pipelines"
                    + " once. When omitted: the platform's default on create, unchanged on update.",
            example = "200")
        @Min(0)
        @Max(1_000_000)
        Integer maxTopics,
    @Schema(
            description =
                "Partitions of those topics in all, each counted with the most partitions its"
                    + " pipelines ask for, 1 when they do not say. When omitted: the platform's"
                    + " default on create, unchanged on update.",
            example = "2000")
        @Min(0)
        @Max(100_000_000)
        Integer maxTotalPartitions) {

  /** These quotas, with those not given taken from {@code fallback}. */
  public Quotas orElse(Quotas fallback) {
    return new Quotas(
        maxPipelines,
        maxTotalReplicas,
        maxPartitionsPerTopic,
        maxTopics == null ? fallback.maxTopics() : maxTopics,
        maxTotalPartitions == null ? fallback.maxTotalPartitions() : maxTotalPartitions);
  }
}
