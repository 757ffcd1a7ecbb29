package dev.tributary.controlplane.deploy;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The status of all of a team's pipelines, with counts per phase. */
@Schema(name = "TeamStatus")
public record TeamStatusView(
    @Schema(example = "payments") String team,
    @Schema(example = "none") String deployTarget,
    @Schema(example = "{\"Pending\": 3}") Map<String, Integer> phases,
    @Schema(description = "Consumer lag summed over the team's pipelines; absent when unknown.")
        Long lagRecords,
    List<PipelineStatusView> pipelines) {}
