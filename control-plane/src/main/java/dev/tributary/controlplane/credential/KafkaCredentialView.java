package dev.tributary.controlplane.credential;

import dev.tributary.runtime.access.AccessPlan;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team's Kafka credential as listed: never its secret. */
@Schema(name = "KafkaCredential")
public record KafkaCredentialView(
    @Schema(description = "The credential's name in the team.") String name,
    @Schema(description = "The SCRAM-SHA-512 user name applications connect with.") String username,
    @Schema(description = "Counts rotations: 1 when created.") int generation,
    @Schema(
            description =
                "The user of the generation before the last rotation, which still connects until it"
                    + " is retired; absent when there is none.")
        String previousUsername,
    @Schema(description = "The topic prefix the credential may read, write and use groups under.")
        String topicPrefix,
    Instant createdAt,
    Instant rotatedAt) {

  static KafkaCredentialView of(KafkaCredentialEntity credential) {
    String team = credential.team.slug;
    return new KafkaCredentialView(
        credential.name,
        AccessPlan.teamUser(team, credential.name, credential.generation),
        credential.generation,
        credential.previousGeneration == null
            ? null
            : AccessPlan.teamUser(team, credential.name, credential.previousGeneration),
        credential.team.topicPrefix,
        credential.createdAt,
        credential.rotatedAt);
  }
}
