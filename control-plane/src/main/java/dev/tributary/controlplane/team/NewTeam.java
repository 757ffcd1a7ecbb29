package dev.tributary.controlplane.team;

import dev.tributary.controlplane.api.StorableText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a platform admin sends to create a team. Omitted parts take the documented defaults. */
@Schema(name = "NewTeam")
public record NewTeam(
    @Schema(
            description = "Lower-case letters, digits and '-', starting with a letter; at most 30.",
            example = "payments")
        @NotNull
        @Pattern(
            regexp = Team.SLUG_PATTERN,
            message = "must be a DNS label of at most 30 characters")
        String slug,
    @Schema(description = "At most 200 characters.", example = "Payments")
        @NotBlank
        @StorableText(max = 200)
        String displayName,
    @Schema(description = "Default: team-<slug>.", example = "team-payments")
        @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", message = "must be a DNS label")
        String namespace,
    @Schema(description = "Default: <slug>.", example = "payments.")
        @Pattern(regexp = "[a-zA-Z0-9._-]{1,99}", message = "must be a Kafka topic name prefix")
        String topicPrefix,
    @Schema(description = "Default: the platform's default quotas.") @Valid Quotas quotas) {}
