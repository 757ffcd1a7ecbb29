package dev.tributary.controlplane.pipeline;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a team's pipelines, by name. */
@Schema(name = "PipelinePage")
public record PipelinePage(
    List<PipelineSummary> items,
    @Schema(
            description = "Pass as `cursor` to get the next page; absent on the last page.",
            example = "bGFyZ2UtcGF5bWVudHM")
        String nextCursor) {}
