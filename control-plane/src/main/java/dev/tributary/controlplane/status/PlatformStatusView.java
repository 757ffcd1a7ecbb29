package dev.tributary.controlplane.status;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every team's pipelines summed up, for the platform team. */
@Schema(name = "PlatformStatus")
public record PlatformStatusView(
    @Schema(example = "local") String deployTarget,
    StatusTotals totals,
    @Schema(description = "Each team with pipelines, by slug; totals without series.")
        List<TeamTotals> teams) {

  @Schema(name = "TeamTotals")
  public record TeamTotals(@Schema(example = "payments") String team, StatusTotals totals) {}
}
