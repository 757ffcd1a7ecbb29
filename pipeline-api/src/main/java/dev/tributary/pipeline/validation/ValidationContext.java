package dev.tributary.pipeline.validation;

/**
 * What the caller knows about where the pipeline will run.
 *
 * @param team the owning team's slug, or null when unknown (then {@code metadata.team} is used)
 * @param topicPrefix the team's topic prefix, or null for {@code <team>.}
 */
public record ValidationContext(String team, String topicPrefix) {

  /** No team known: topics are checked against the document's own {@code metadata.team}. */
  public static final ValidationContext NONE = new ValidationContext(null, null);

  public static ValidationContext forTeam(String team) {
    return new ValidationContext(team, team + ".");
  }
}
