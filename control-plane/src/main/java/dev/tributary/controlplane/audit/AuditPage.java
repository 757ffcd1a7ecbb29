package dev.tributary.controlplane.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the audit log, newest first. */
@Schema(name = "AuditPage")
public record AuditPage(
    List<AuditEventView> items,
    @Schema(description = "Pass as `cursor` for older events; absent on the last page.")
        String nextCursor) {}
