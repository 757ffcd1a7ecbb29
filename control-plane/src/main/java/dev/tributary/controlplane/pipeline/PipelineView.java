package dev.tributary.controlplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.controlplane.revision.Revision;
import dev.tributary.controlplane.revision.RevisionHistory;
import dev.tributary.pipeline.spec.PipelineDocument;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pipeline with the document of its current revision. */
@Schema(name = "Pipeline")
public record PipelineView(
    @Schema(example = "payments") String team,
    @Schema(example = "large-payments") String name,
    @Schema(enumeration = {"active", "paused"}) PipelineState state,
    @Schema(description = "The current revision; also the ETag.", example = "3") int revision,
    String description,
    Instant createdAt,
    Instant updatedAt,
    @Schema(example = "pat-dev") String updatedBy,
    @Schema(
            implementation = PipelineDocument.class,
            description = "The document in force, in canonical form (metadata.team filled in).")
        JsonNode document) {

  static PipelineView of(Pipeline pipeline, Revision current) {
    return new PipelineView(
        pipeline.team.slug,
        pipeline.name,
        pipeline.state,
        pipeline.currentRevision,
        pipeline.description,
        pipeline.createdAt,
        pipeline.updatedAt,
        pipeline.updatedBy,
        RevisionHistory.tree(current.document));
  }
}
