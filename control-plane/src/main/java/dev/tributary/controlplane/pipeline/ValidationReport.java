package dev.tributary.controlplane.pipeline;

import dev.tributary.pipeline.plan.PipelinePlan;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a dry run that passed: the document would be accepted. An invalid document is
 * answered with the same 422 problem as a create.
 */
@Schema(name = "ValidationReport")
public record ValidationReport(
    @Schema(example = "true") boolean valid,
    @Schema(example = "large-payments") String name,
    @Schema(description = "Whether a pipeline of this name exists in the team.") boolean exists,
    @Schema(description = "The Kafka Streams application id and the topics it needs.")
        PipelinePlan plan) {}
