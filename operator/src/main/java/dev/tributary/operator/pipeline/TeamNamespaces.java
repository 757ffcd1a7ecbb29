package dev.tributary.operator.pipeline;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Optional;

/**
 * Which team a namespace belongs to, by the rule the control plane's catalog follows: a team's
 * namespace is {@code team-<slug>} and its topic prefix {@code <slug>.} unless the team was created
 * with others, and then the namespace says so.
 *
 * <ol>
 *   <li>The label {@value #TEAM_LABEL} names the team's slug; the annotation {@value
 *       #TOPIC_PREFIX_ANNOTATION} its topic prefix when it is not {@code <slug>.}.
 *   <li>Without the label, a namespace named {@code team-<slug>} belongs to team {@code <slug>}.
 *   <li>Any other namespace belongs to no team: nothing runs there.
 * </ol>
 */
public final class TeamNamespaces {

  public static final String TEAM_LABEL = "tributary.dev/team";
  public static final String TOPIC_PREFIX_ANNOTATION = "tributary.dev/topic-prefix";
  static final String NAME_PREFIX = "team-";

  private TeamNamespaces() {}

  /**
   * @param namespace the namespace as the API server has it, or null when it cannot be read
   */
  public static Optional<Team> team(String name, Namespace namespace) {
    Map<String, String> labels = namespace == null ? null : namespace.getMetadata().getLabels();
    Map<String, String> annotations =
        namespace == null ? null : namespace.getMetadata().getAnnotations();
    String slug = labels == null ? null : labels.get(TEAM_LABEL);
    if (slug == null || slug.isBlank()) {
      if (!name.startsWith(NAME_PREFIX) || name.length() == NAME_PREFIX.length()) {
        return Optional.empty();
      }
      slug = name.substring(NAME_PREFIX.length());
    }
    String prefix = annotations == null ? null : annotations.get(TOPIC_PREFIX_ANNOTATION);
    return Optional.of(new Team(slug, prefix == null || prefix.isBlank() ? slug + "." : prefix));
  }
}
