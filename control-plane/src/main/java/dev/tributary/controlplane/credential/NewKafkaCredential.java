package dev.tributary.controlplane.credential;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request for a new credential of a team's applications. */
@Schema(name = "NewKafkaCredential")
public record NewKafkaCredential(
    @NotNull
        @Pattern(
            regexp = "[a-z][a-z0-9-]{0,39}",
            message =
                "must be a DNS label of at most 40 characters: lower-case letters, digits and '-',"
                    + " starting with a letter")
        @Schema(description = "A name for the application, unique in the team, e.g. checkout.")
        String name) {}
