package dev.tributary.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "7d, PT168H"})
  void everyUnitReadsAsItsDurationAndWritesBackTheSame(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
    assertThat(Durations.format(expected)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({
    "PT1M30S, 90s",
    "PT120S, 2m",
    "PT24H, 1d",
    "PT1.5S, 1500ms",
    "PT0S, 0s",
    "PT36H, 36h"
  })
  void formatWritesTheLargestUnitThatIsExact(Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
  }

  @Test
  void anyDurationOfWholeMillisecondsSurvivesAFormatAndParse() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Duration duration = Duration.ofMillis(random.nextLong(0, 1_000L * 86_400_000L));
      assertThat(Durations.parse(Durations.format(duration))).contains(duration);
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"1.5h", "-1s", "5 m", "PT5M", "5", "m", "5w", "1000000000000s", "5M"})
  void textThatIsNotADurationReadsAsNothing(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @Test
  void patternOfTheSchemaAcceptsWhatParseAccepts() {
    assertThat("999999999999d").matches(Durations.PATTERN);
    assertThat(Durations.parse("999999999999d")).isPresent();
    assertThat("1000000000000d").doesNotMatch(Durations.PATTERN);
  }
}
