package dev.tributary.controlplane.audit;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditEvent", description = "One write recorded in the audit log.")
public record AuditEventView(
    @Schema(example = "42") long id,
    Instant at,
    @Schema(description = "preferred_username of the caller.", example = "pat-dev") String actor,
    @Schema(example = "pipeline.updated") String action,
    @Schema(example = "payments") String team,
    @Schema(example = "large-payments") String pipeline,
    @Schema(description = "Revision before the write, when there was one.", example = "1")
        Integer revisionBefore,
    @Schema(description = "Revision after the write, when there is one.", example = "2")
        Integer revisionAfter,
    @Schema(example = "api") String source,
    String detail) {

  static AuditEventView of(AuditEvent e) {
    return new AuditEventView(
        e.id,
        e.at,
        e.actor,
        e.action,
        e.teamSlug,
        e.pipelineName,
        e.revisionBefore,
        e.revisionAfter,
        e.source == null ? null : e.source.value(),
        e.detail);
  }
}
