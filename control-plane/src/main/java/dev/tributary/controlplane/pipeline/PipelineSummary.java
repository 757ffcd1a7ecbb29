package dev.tributary.controlplane.pipeline;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pipeline in a list: no document. */
@Schema(name = "PipelineSummary")
public record PipelineSummary(
    @Schema(example = "large-payments") String name,
    @Schema(enumeration = {"active", "paused"}) PipelineState state,
    @Schema(example = "3") int revision,
    String description,
    Instant updatedAt,
    @Schema(example = "pat-dev") String updatedBy) {

  static PipelineSummary of(Pipeline p) {
    return new PipelineSummary(
        p.name, p.state, p.currentRevision, p.description, p.updatedAt, p.updatedBy);
  }
}
