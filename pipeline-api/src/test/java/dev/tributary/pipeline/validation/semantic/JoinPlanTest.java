package dev.tributary.pipeline.validation.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The names under which a join's select sees the fields of both sides. */
class JoinPlanTest {

  @Test
  void rightFieldsKeepTheirNamesWhenTheLeftHasNoFieldOfThatName() {
    JoinPlan plan = plan("cards", record("amount", "cardId"), record("holder", "limit"));

    assertThat(plan.scope().names()).containsExactly("amount", "cardId", "holder", "limit");
    assertThat(plan.rightNames())
        .containsExactly(Map.entry("holder", "holder"), Map.entry("limit", "limit"));
  }

  @Test
  void rightFieldThatCollidesIsNamedAfterTheRightSide() {
    JoinPlan plan = plan("cards", record("cardId", "limit"), record("cardId", "limit", "holder"));

    assertThat(plan.rightNames())
        .containsExactly(
            Map.entry("cardId", "cards_cardId"),
            Map.entry("limit", "cards_limit"),
            Map.entry("holder", "holder"));
    assertThat(plan.scope().names())
        .containsExactly("cardId", "limit", "cards_cardId", "cards_limit", "holder");
  }

  @Test
  void dashesAndDotsOfTheRightSidesNameBecomeUnderscores() {
    assertThat(plan("account-limits", record("limit"), record("limit")).rightNames())
        .containsEntry("limit", "account_limits_limit");
    assertThat(plan("by-region.eu", record("total"), record("total")).rightNames())
        .containsEntry("total", "by_region_eu_total");
  }

  @Test
  void nameTakenAlreadyGetsTheFirstFreeNumber() {
    JoinPlan leftHasIt = plan("cards", record("limit", "cards_limit"), record("limit"));
    JoinPlan rightHasIt = plan("cards", record("limit"), record("limit", "cards_limit"));

    assertThat(leftHasIt.rightNames()).containsExactly(Map.entry("limit", "cards_limit_2"));
    assertThat(rightHasIt.rightNames())
        .containsExactly(
            Map.entry("limit", "cards_limit_2"), Map.entry("cards_limit", "cards_limit"));
  }

  @Test
  void joinSelectReadsTheRenamedFieldsOfAValidatedPipeline() {
    ValidatedPipeline pipeline =
        PipelineValidator.validate(
                """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata: {name: limits, team: banking}
        spec:
          sources:
            - {name: withdrawals, topic: banking.withdrawals, key: {field: accountId},
               fields: {accountId: string, limit: double, cards_limit: double}}
          tables:
            - {name: cards, topic: banking.cards, key: {field: accountId},
               fields: {accountId: string, limit: double}}
          steps:
            - name: checked
              input: withdrawals
              join: {with: cards, key: accountId, select: {mine: limit, theirs: cards_limit_2}}
          sinks:
            - {name: out, input: checked, topic: banking.out}
        """)
            .orThrow();

    assertThat(pipeline.node("checked").type().fields())
        .containsExactly(
            Map.entry("mine", FieldType.DOUBLE), Map.entry("theirs", FieldType.DOUBLE));
  }

  private static JoinPlan plan(String with, RecordType left, RecordType right) {
    return JoinChecks.plan(JoinPlan.Shape.STREAM_TABLE, with, left, right);
  }

  private static RecordType record(String... names) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (String name : names) {
      fields.put(name, FieldType.DOUBLE);
    }
    return new RecordType(fields);
  }
}
