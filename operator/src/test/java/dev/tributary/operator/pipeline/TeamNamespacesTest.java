package dev.tributary.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamNamespacesTest {

  @Test
  void aNamespaceNamedAfterATeamBelongsToItWithTheDefaultPrefix() {
    assertThat(TeamNamespaces.team("team-payments", namespace("team-payments", Map.of(), Map.of())))
        .contains(new Team("payments", "payments."));
  }

  @Test
  void theTeamLabelAndThePrefixAnnotationNameTheTeamOfAnyNamespace() {
    Namespace namespace =
        namespace(
            "pay-prod",
            Map.of(TeamNamespaces.TEAM_LABEL, "payments"),
            Map.of(TeamNamespaces.TOPIC_PREFIX_ANNOTATION, "pay."));

    assertThat(TeamNamespaces.team("pay-prod", namespace)).contains(new Team("payments", "pay."));
  }

  @Test
  void anyOtherNamespaceBelongsToNoTeam() {
    assertThat(TeamNamespaces.team("default", namespace("default", Map.of(), Map.of()))).isEmpty();
    assertThat(TeamNamespaces.team("team-", namespace("team-", Map.of(), Map.of()))).isEmpty();
  }

  @Test
  void aNamespaceNotSeenYetIsJudgedByItsName() {
    assertThat(TeamNamespaces.team("team-ops", null)).contains(new Team("ops", "ops."));
  }

  private static Namespace namespace(
      String name, Map<String, String> labels, Map<String, String> annotations) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }
}
