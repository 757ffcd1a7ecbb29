package dev.tributary.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetRateTest {

  private static final TopicPartition P0 = new TopicPartition("bank.payments", 0);
  private static final TopicPartition P1 = new TopicPartition("bank.payments", 1);

  @Test
  void rateIsTheSumOfPartitionAdvancesPerSecond() {
    double rate =
        OffsetRate.recordsPerSecond(
            Map.of(P0, 100L, P1, 0L), Map.of(P0, 600L, P1, 500L), Duration.ofSeconds(10));
    assertThat(rate).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void aPartitionThatAppearedAddsNoSpike() {
    double rate =
        OffsetRate.recordsPerSecond(
            Map.of(P0, 100L), Map.of(P0, 200L, P1, 1_000_000L), Duration.ofSeconds(10));
    assertThat(rate).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void anOffsetThatWentBackCountsAsNothing() {
    double rate =
        OffsetRate.recordsPerSecond(
            Map.of(P0, 500L, P1, 0L), Map.of(P0, 0L, P1, 50L), Duration.ofSeconds(10));
    assertThat(rate).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void noTimeBetweenReadingsIsNoRate() {
    assertThat(OffsetRate.recordsPerSecond(Map.of(P0, 0L), Map.of(P0, 10L), Duration.ZERO))
        .isZero();
  }
}
