package dev.tributary.controlplane.team;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team as the API shows it. */
@Schema(name = "Team")
public record TeamView(
    @Schema(example = "payments") String slug,
    @Schema(example = "Payments") String displayName,
    @Schema(description = "Kubernetes namespace of the team's workers.", example = "team-payments")
        String namespace,
    @Schema(description = "Every topic of the team starts with it.", example = "payments.")
        String topicPrefix,
    @Schema(
            description =
                "Keycloak group of the members; a member of <group>/<team role> has that role.",
            example = "/teams/payments")
        String keycloakGroup,
    Quotas quotas,
    @Schema(description = "Usage counted against the quotas.") Usage usage,
    Instant createdAt,
    Instant updatedAt) {

  @Schema(name = "TeamUsage")
  public record Usage(
      @Schema(example = "3") long pipelines,
      @Schema(example = "5") long totalReplicas,
      @Schema(
              description = "Topics the team's pipelines use, as maxTopics counts them.",
              example = "7")
          long topics,
      @Schema(
              description = "Partitions of those topics, as maxTotalPartitions counts them.",
              example = "28")
          long totalPartitions) {

    static final Usage NONE = new Usage(0, 0, 0, 0);
  }

  static TeamView of(Team team, Usage usage) {
    return new TeamView(
        team.slug,
        team.displayName,
        team.namespace,
        team.topicPrefix,
        team.keycloakGroup,
        team.quotas(),
        usage,
        team.createdAt,
        team.updatedAt);
  }
}
