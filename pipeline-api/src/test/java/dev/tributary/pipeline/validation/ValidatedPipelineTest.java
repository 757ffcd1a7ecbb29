package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.spec.StepSpec;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What validation resolves for the worker and the planner, shown mostly on the card-fraud example.
 */
class ValidatedPipelineTest {

  private static ValidatedPipeline cardFraud;

  @BeforeAll
  static void validateCardFraud() {
    cardFraud = Corpus.example("card-fraud").validate().orThrow();
  }

  @Test
  void namesFollowTheTeamsPrefix() {
    assertThat(cardFraud.team()).isEqualTo("payments");
    assertThat(cardFraud.topicPrefix()).isEqualTo("payments.");
    assertThat(cardFraud.applicationId()).isEqualTo("payments.card-fraud");
    assertThat(cardFraud.deadLetterTopic()).isEqualTo("payments.card-fraud.dead-letter");
  }

  @Test
  void stepsAreOrderedAfterTheirInputs() {
    assertThat(cardFraud.stepsInOrder())
        .extracting(StepSpec::name)
        .containsExactly("deduped", "with-card", "per-card", "suspicious", "alerts");
  }

  @Test
  void sourceIsAStreamOfItsDeclaredFieldsKeyedByItsKeyField() {
    Node transactions = cardFraud.node("transactions");

    assertThat(transactions.shape()).isEqualTo(Node.Shape.STREAM);
    assertThat(transactions.origin()).isEqualTo(Node.Origin.SOURCE);
    assertThat(transactions.key()).isEqualTo("cardId");
    assertThat(transactions.type().names())
        .containsExactly("txId", "cardId", "amount", "merchant", "country", "ts");
    assertThat(transactions.type().type("ts")).isEqualTo(FieldType.TIMESTAMP);
  }

  @Test
  void tableIsATableKeyedByItsKeyField() {
    Node cards = cardFraud.node("cards");

    assertThat(cards.shape()).isEqualTo(Node.Shape.TABLE);
    assertThat(cards.key()).isEqualTo("cardId");
    assertThat(cards.sources()).isEmpty();
  }

  @Test
  void streamTableJoinSeesRightFieldsUnderTheirOwnNamesUnlessTheLeftHasThem() {
    JoinPlan join = cardFraud.join("with-card");

    assertThat(join.shape()).isEqualTo(JoinPlan.Shape.STREAM_TABLE);
    assertThat(join.rightNames())
        .containsExactly(
            Map.entry("cardId", "cards_cardId"), Map.entry("holder", "holder"),
            Map.entry("limit", "limit"), Map.entry("homeCountry", "homeCountry"));
    assertThat(cardFraud.node("with-card").shape()).isEqualTo(Node.Shape.STREAM);
    assertThat(cardFraud.node("with-card").key()).isEqualTo("cardId");
    assertThat(cardFraud.node("with-card").type().names())
        .contains("amount", "cards_cardId", "limit");
  }

  @Test
  void windowedAggregateIsAStreamOfGroupFieldsAggregatesAndWindowBounds() {
    Node perCard = cardFraud.node("per-card");

    assertThat(perCard.shape()).isEqualTo(Node.Shape.STREAM);
    assertThat(perCard.key()).isEqualTo("cardId");
    assertThat(perCard.sources()).containsExactly("transactions");
    assertThat(perCard.type().fields())
        .containsExactly(
            Map.entry("cardId", FieldType.STRING),
            Map.entry("transactions", FieldType.INT),
            Map.entry("spent", FieldType.DOUBLE),
            Map.entry("cardLimit", FieldType.DOUBLE),
            Map.entry("windowStart", FieldType.TIMESTAMP),
            Map.entry("windowEnd", FieldType.TIMESTAMP));
  }

  @Test
  void collectAggregatesIntoAListOfItsExpressionsType() {
    ValidatedPipeline stats =
        Corpus.valid().stream()
            .filter(s -> s.name().equals("aggregate-unwindowed-all-functions.yaml"))
            .findFirst()
            .orElseThrow()
            .validate()
            .orThrow();

    assertThat(stats.node("stats").type().type("counterparties"))
        .isEqualTo(FieldType.parse("list<string>").orElseThrow());
  }

  @Test
  void selectOutputsExactlyItsFieldsAndKeepsTheKeyItCopies() {
    Node alerts = cardFraud.node("alerts");

    assertThat(alerts.type().names())
        .containsExactly("cardId", "spent", "overLimitBy", "transactions", "windowStart");
    assertThat(alerts.type().type("overLimitBy")).isEqualTo(FieldType.DOUBLE);
    assertThat(alerts.key()).isEqualTo("cardId");
  }

  @Test
  void stepsExpressionsSeeTheirInputsFields() {
    StepSpec suspicious = cardFraud.stepsInOrder().get(3);

    assertThat(cardFraud.inputType(suspicious)).isEqualTo(cardFraud.node("per-card").type());
  }

  @Test
  void unknownNamesAreRefused() {
    assertThatThrownBy(() -> cardFraud.node("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cardFraud.join("per-card"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
