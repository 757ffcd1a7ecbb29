package dev.tributary.localruntime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

  private final RestartBackoff backoff = RestartBackoff.DEFAULT;

  @Test
  void delayDoublesWithEachCrashInARowFromOneSecond() {
    assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::delay).map(Duration::toSeconds))
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L);
  }

  @Test
  void delayStopsGrowingAtOneMinute() {
    assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aWorkerThatRanForAMinuteHadRecovered() {
    assertThat(backoff.ranLongEnough(Duration.ofSeconds(59))).isFalse();
    assertThat(backoff.ranLongEnough(Duration.ofSeconds(60))).isTrue();
  }

  @Test
  void aMaximumBelowTheInitialDelayIsRefused() {
    assertThatThrownBy(
            () ->
                new RestartBackoff(
                    Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
