package dev.tributary.controlplane.revision;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a pipeline's revisions, newest first. */
@Schema(name = "RevisionPage")
public record RevisionPage(
    List<RevisionView> items,
    @Schema(description = "Pass as `cursor` to get older revisions; absent on the last page.")
        String nextCursor) {}
