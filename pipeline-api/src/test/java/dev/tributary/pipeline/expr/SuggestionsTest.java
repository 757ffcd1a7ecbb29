package dev.tributary.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final Set<String> FIELDS = Set.of("amount", "merchant", "cardId", "country", "ts");

  @Test
  void misspelledNameSuggestsTheClosestKnownName() {
    assertThat(Suggestions.closest("amout", FIELDS)).contains("amount");
    assertThat(Suggestions.closest("merchnt", FIELDS)).contains("merchant");
  }

  @Test
  void transposedLettersCountAsOneEdit() {
    assertThat(Suggestions.closest("amuont", FIELDS)).contains("amount");
  }

  @Test
  void differenceInCaseAloneIsSuggested() {
    assertThat(Suggestions.closest("deadletter", List.of("deadLetter", "runtime")))
        .contains("deadLetter");
    assertThat(Suggestions.closest("cardid", FIELDS)).contains("cardId");
  }

  @Test
  void longerNamesTolerateMoreEdits() {
    assertThat(Suggestions.closest("trnsactins", List.of("transactions"))).contains("transactions");
    assertThat(Suggestions.closest("amnt", FIELDS)).isEmpty();
  }

  @Test
  void abbreviationSharingMostOfTheNameIsSuggested() {
    assertThat(Suggestions.closest("dedupe", List.of("deduplicate", "select")))
        .contains("deduplicate");
  }

  @Test
  void unrelatedNameSuggestsNothing() {
    assertThat(Suggestions.closest("zzz", FIELDS)).isEmpty();
    assertThat(Suggestions.closest("amount", List.of())).isEmpty();
  }

  @Test
  void singleLetterNameDoesNotSuggestAnotherSingleLetter() {
    assertThat(Suggestions.closest("x", List.of("a", "b"))).isEmpty();
  }

  @Test
  void nameIsNeverSuggestedForItself() {
    assertThat(Suggestions.closest("amount", List.of("amount"))).isEmpty();
  }

  @Test
  void tiesGoToTheAlphabeticallyFirstNameWhateverTheOrder() {
    assertThat(Suggestions.closest("cat", List.of("hat", "bat"))).contains("bat");
    assertThat(Suggestions.closest("cat", List.of("bat", "hat"))).contains("bat");
  }

  @Test
  void hugeNamesAreComparedWithoutBuildingATableOfTheirLength() {
    String huge = "n".repeat(200_000);
    String otherHuge = "m".repeat(200_000);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> assertThat(Suggestions.closest(huge, List.of(otherHuge, "amount"))).isEmpty());
  }
}
