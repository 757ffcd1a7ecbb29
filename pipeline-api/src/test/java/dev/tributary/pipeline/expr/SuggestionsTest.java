package dev.tributary.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
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

  @Test
  void distanceIsTheOptimalStringAlignmentDistanceUpToThreeEdits() {
    // Short names over three letters meet every kind of edit, and every overlap of edits.
    Random random = new Random(20_261_126L);
    for (int i = 0; i < 200_000; i++) {
      String a = randomName(random, 1 + random.nextInt(9));
      String b =
          random.nextBoolean() ? randomName(random, 1 + random.nextInt(9)) : edited(a, random);
      int expected = fullTable(a, b);

      int distance = Suggestions.distance(a, b);

      if (expected <= 3) {
        assertThat(distance).as("distance of '%s' and '%s'", a, b).isEqualTo(expected);
      } else {
        assertThat(distance).as("distance of '%s' and '%s'", a, b).isGreaterThan(3);
      }
    }
  }

  @Test
  void manyLongNearlyEqualNamesAreComparedInLinearTime() {
    // Every field differs from the wrong name in a few places only, so that no comparison stops
    // early: a hint over a wide record then costs its width times the length of the names.
    String body = "b".repeat(120);
    List<String> fields =
        IntStream.range(0, 1_000)
            .mapToObj(i -> "x" + body + String.format("%04d", i) + "y")
            .toList();

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (int i = 0; i < 500; i++) {
            Suggestions.closest("z" + body + String.format("%04d", i) + "w", fields);
          }
        });
    assertThat(Suggestions.closest("x" + body + "0007w", fields)).contains("x" + body + "0007y");
  }

  private static String randomName(Random random, int length) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      name.append("abc".charAt(random.nextInt(3)));
    }
    return name.toString();
  }

  /** {@code name} with one to four random edits. */
  private static String edited(String name, Random random) {
    StringBuilder edited = new StringBuilder(name);
    for (int e = 1 + random.nextInt(4); e > 0; e--) {
      int at = random.nextInt(edited.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> edited.insert(at, "abc".charAt(random.nextInt(3)));
        case 1 -> {
          if (at < edited.length()) {
            edited.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (at < edited.length()) {
            edited.setCharAt(at, "abc".charAt(random.nextInt(3)));
          }
        }
        default -> {
          if (at + 1 < edited.length()) {
            char c = edited.charAt(at);
            edited.setCharAt(at, edited.charAt(at + 1));
            edited.setCharAt(at + 1, c);
          }
        }
      }
    }
    return edited.toString();
  }

  /** The distance the whole table of optimal string alignment gives, as the reference. */
  private static int fullTable(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
