package dev.tributary.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.pipeline.scaling.LagStatus;
import dev.tributary.runtime.status.LagReport;
import dev.tributary.runtime.status.PartitionLag;
import dev.tributary.runtime.status.ThroughputReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

  private static final String GROUP = "bank.totals";
  private static final TopicPartition IN0 = new TopicPartition("bank.payments", 0);
  private static final TopicPartition IN1 = new TopicPartition("bank.payments", 1);
  private static final TopicPartition OUT0 = new TopicPartition("bank.totals-out", 0);
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private final PipelineMetrics metrics =
      new PipelineMetrics(Duration.ofMinutes(10), Duration.ofSeconds(10));

  @Test
  void lagIsEndOffsetMinusCommittedOffsetPerPartitionAndInTotal() {
    record(T0, Map.of(IN0, 100L, IN1, 100L, OUT0, 0L), Map.of(IN0, 50L), 1);

    LagReport lag = metrics.lag();
    assertThat(lag.partitions())
        .extracting(
            PartitionLag::partition,
            PartitionLag::endOffset,
            PartitionLag::committedOffset,
            PartitionLag::lag)
        .containsExactly(tuple(0, 100L, 50L, 50L), tuple(1, 100L, 0L, 100L));
    assertThat(lag.totalRecords()).isEqualTo(150);
    assertThat(lag.consumersActive()).isTrue();
    assertThat(lag.status()).as("one sample is not enough to judge").isEqualTo(LagStatus.UNKNOWN);
    assertThat(metrics.inputPartitions()).containsEntry("bank.payments", 2);
  }

  @Test
  void throughputInIsTheAdvanceOfCommittedOffsetsAndOutTheAdvanceOfSinkEnds() {
    record(T0, Map.of(IN0, 100L, IN1, 100L, OUT0, 0L), Map.of(IN0, 50L), 1);
    record(
        T0.plusSeconds(10),
        Map.of(IN0, 200L, IN1, 200L, OUT0, 300L),
        Map.of(IN0, 150L, IN1, 100L),
        1);

    ThroughputReport throughput = metrics.throughput();
    // Partition 1 had no committed offset before: it was at 0, as its lag said, so its first
    // commit counts (a group that consumes everything in its first commits is not shown idle).
    assertThat(throughput.inRecordsPerSecond()).isCloseTo(20.0, within(1e-9));
    assertThat(throughput.outRecordsPerSecond()).isCloseTo(30.0, within(1e-9));
    assertThat(throughput.series()).hasSize(1);
    assertThat(throughput.series().get(0).at()).isEqualTo("2026-01-01T10:00:10Z");
    assertThat(throughput.intervalSeconds()).isEqualTo(10);
  }

  @Test
  void aPipelineThatCaughtUpIsOk() {
    record(T0, Map.of(IN0, 100L, IN1, 100L), Map.of(IN0, 50L, IN1, 50L), 1);
    record(T0.plusSeconds(10), Map.of(IN0, 200L, IN1, 200L), Map.of(IN0, 150L, IN1, 150L), 1);
    record(T0.plusSeconds(20), Map.of(IN0, 300L, IN1, 300L), Map.of(IN0, 300L, IN1, 300L), 1);

    assertThat(metrics.lag().status()).isEqualTo(LagStatus.OK);
    assertThat(metrics.lag().totalRecords()).isZero();
    assertThat(metrics.lag().lagSeconds()).isZero();
  }

  @Test
  void lagWithoutMembersIsStopped() {
    record(T0, Map.of(IN0, 100L, IN1, 0L), Map.of(IN0, 50L), 0);

    assertThat(metrics.lag().status()).isEqualTo(LagStatus.STOPPED);
    assertThat(metrics.lag().consumersActive()).isFalse();
  }

  @Test
  void committedOffsetsThatDoNotMoveWhileBehindAreStalled() {
    for (int i = 0; i < 3; i++) {
      record(T0.plusSeconds(10L * i), Map.of(IN0, 100L + i, IN1, 0L), Map.of(IN0, 50L, IN1, 0L), 1);
    }
    assertThat(metrics.lag().partitions().get(0).status()).isEqualTo(LagStatus.STALLED);
    assertThat(metrics.lag().status()).isEqualTo(LagStatus.STALLED);
    assertThat(metrics.lag().lagSeconds()).as("behind since the first sample").isEqualTo(20.0);
  }

  @Test
  void aCollectionWithoutTheGroupsOffsetsIsSkipped() {
    record(T0, Map.of(IN0, 100L, IN1, 100L), Map.of(IN0, 100L, IN1, 100L), 1);
    metrics.record(
        new OffsetSnapshot(
            T0.plusSeconds(10),
            Map.of("bank.payments", 2),
            Map.of(IN0, 200L, IN1, 200L),
            Map.of(),
            Map.of(),
            List.of("committed offsets: timeout")),
        GROUP,
        Set.of("bank.payments"),
        Set.of());

    assertThat(metrics.lag().totalRecords()).isZero();
    assertThat(metrics.lag().sampledAt()).isEqualTo(T0.toString());
  }

  private void record(
      Instant at,
      Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> committed,
      int members) {
    metrics.record(
        new OffsetSnapshot(
            at,
            Map.of("bank.payments", 2, "bank.totals-out", 1),
            ends,
            Map.of(GROUP, committed),
            Map.of(GROUP, members),
            List.of()),
        GROUP,
        Set.of("bank.payments"),
        Set.of("bank.totals-out"));
  }
}
