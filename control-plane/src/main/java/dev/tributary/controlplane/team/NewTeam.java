package dev.tributary.controlplane.team;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a platform admin sends to create a team. Omitted parts take the documented defaults. */
@Schema(name = "NewTeam")
public record NewTeam(
    @Schema(
            description = "Lower-case letters, digits and '-', starting with a letter; at most 30.",
            example = "payments")
        @NotNull
        @Pattern(
            regexp = "[a-z][a-z0-9-]{0,29}",
            message = "must be a DNS label of at most 30 characters")
        String slug,
    @Schema(example = "Payments") @NotBlank @Size(max = 200) String displayName,
    @Schema(description = "Default: team-<slug>.", example = "team-payments")
        @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", message = "must be a DNS label")
        String namespace,
    @Schema(description = "Default: <slug>.", example = "payments.")
        @Pattern(regexp = "[a-zA-Z0-9._-]{1,99}", message = "must be a Kafka topic name prefix")
        String topicPrefix,
    @Schema(description = "Default: the platform's default quotas.") @Valid Quotas quotas) {}
