package dev.tributary.controlplane.status;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The status of all of a team's pipelines: totals, and each pipeline in short (without its lag per
 * partition and its throughput series; the pipeline's own status has them).
 */
@Schema(name = "TeamStatus")
public record TeamStatusView(
    @Schema(example = "payments") String team,
    @Schema(example = "local") String deployTarget,
    @Schema(example = "{\"Running\": 3}") Map<String, Integer> phases,
    @Schema(
            description =
                "Consumer lag summed over the team's measured pipelines (`totals.lagRecords`);"
                    + " absent when none is measured.")
        Long lagRecords,
    StatusTotals totals,
    List<PipelineStatusView> pipelines) {}
