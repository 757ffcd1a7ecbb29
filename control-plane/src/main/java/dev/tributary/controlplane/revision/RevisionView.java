package dev.tributary.controlplane.revision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.pipeline.spec.PipelineDocument;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One revision of a pipeline. Lists leave out the document; a single revision has it. */
@Schema(name = "Revision")
public record RevisionView(
    @Schema(example = "2") int number,
    @Schema(description = "preferred_username of whoever made it.", example = "pat-dev")
        String author,
    @Schema(
            description =
                "Where the change came from; automatic for a revision the control plane wrote"
                    + " itself (an automatic rollback).",
            enumeration = {"api", "console", "kubectl", "automatic"})
        ChangeSource source,
    Instant createdAt,
    @Schema(description = "For a rollback: the revision whose document it restores.")
        Integer rolledBackFrom,
    @Schema(
            description =
                "The generation of the pipeline's state it runs under: the application id is"
                    + " <topic prefix><name> for 1 and <topic prefix><name>.<n> after.",
            example = "1")
        int stateGeneration,
    @Schema(
            type = SchemaType.ARRAY,
            implementation = JsonPatchOperation.class,
            description =
                "RFC 6902 JSON Patch from the previous revision's document (from {} for the"
                    + " first).",
            example =
                "[{\"op\":\"replace\",\"path\":\"/spec/steps/0/filter\",\"value\":\"amount >="
                    + " 500.0\"}]")
        JsonNode diff,
    @Schema(implementation = PipelineDocument.class, description = "Absent in lists.")
        JsonNode document) {

  public static RevisionView of(Revision revision, boolean withDocument) {
    return new RevisionView(
        revision.number,
        revision.author,
        revision.source,
        revision.createdAt,
        revision.rolledBackFrom,
        revision.stateGeneration,
        RevisionHistory.tree(revision.diff),
        withDocument ? RevisionHistory.tree(revision.document) : null);
  }
}
