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
        Integer maxPartitionsPerTopic) {}
