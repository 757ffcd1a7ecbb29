package dev.tributary.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.pipeline.scaling.LagStatus;
import dev.tributary.runtime.status.LagReport;
import dev.tributary.runtime.status.PartitionLag;
import dev.tributary.runtime.status.RatePoint;
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
  void eachPointOfTheHistoryCarriesTheLagOfItsCollection() {
    record(T0, Map.of(IN0, 100L, IN1, 100L), Map.of(IN0, 50L, IN1, 50L), 1);
    record(T0.plusSeconds(10), Map.of(IN0, 200L, IN1, 200L), Map.of(IN0, 150L, IN1, 100L), 1);
    record(T0.plusSeconds(20), Map.of(IN0, 300L, IN1, 300L), Map.of(IN0, 300L, IN1, 300L), 1);

    assertThat(metrics.throughput().series())
        .extracting(RatePoint::at, RatePoint::lagRecords)
        .containsExactly(tuple("2026-01-01T10:00:10Z", 150L), tuple("2026-01-01T10:00:20Z", 0L));
    RatePoint behind = metrics.throughput().series().get(0);
    assertThat(behind.lagSeconds())
        .as(
            "partition 1's oldest unprocessed record, offset 100, is the first of the 100 appended"
                + " between the two collections: it arrived 0.1 s after the first")
        .isCloseTo(9.9, within(1e-9));
    assertThat(metrics.throughput().series().get(1).lagSeconds()).isZero();
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

  @Test
  void lagInTimeIsTheAgeOfTheOldestUnprocessedRecordFromTheOffsetHistory() {
    // The log grew by 100 records every 10 s; the group stayed at 50, which arrived between the
    // first two collections: at about 5 s, so 15 s old at the third.
    record(T0, Map.of(IN0, 0L, IN1, 0L), Map.of(IN0, 0L, IN1, 0L), 1);
    record(T0.plusSeconds(10), Map.of(IN0, 100L, IN1, 0L), Map.of(IN0, 50L, IN1, 0L), 1);
    record(T0.plusSeconds(20), Map.of(IN0, 200L, IN1, 0L), Map.of(IN0, 50L, IN1, 0L), 1);

    assertThat(metrics.lag().partitions().get(0).lagSeconds()).isCloseTo(14.9, within(0.01));
    assertThat(metrics.lag().partitions().get(1).lagSeconds()).isZero();
    assertThat(metrics.lag().lagSeconds()).isCloseTo(14.9, within(0.01));
  }

  @Test
  void aPipelineStartedOnABacklogIsAsFarBehindAsItsOldestRecordsTimestampSays() {
    // At the first collection the log already held 10,000 records and the group had committed
    // 100: no history brackets offset 100, so its record's timestamp is asked for, once.
    OffsetSnapshot first = snapshot(T0, Map.of(IN0, 10_000L, IN1, 0L), Map.of(IN0, 100L), 1);
    assertThat(metrics.timestampsWanted(first, GROUP, Set.of("bank.payments")))
        .containsExactly(Map.entry(IN0, 100L));
    metrics.record(
        first,
        GROUP,
        Set.of("bank.payments"),
        Set.of(),
        Map.of(IN0, T0.minusSeconds(60).toEpochMilli()));

    assertThat(metrics.lag().lagSeconds()).isEqualTo(60.0);
    assertThat(metrics.timestampsWanted(first, GROUP, Set.of("bank.payments")))
        .as("an offset already looked up")
        .isEmpty();

    // Processing fast through the backlog: offset 5,000 is older than the history too.
    OffsetSnapshot second =
        snapshot(T0.plusSeconds(10), Map.of(IN0, 10_050L, IN1, 0L), Map.of(IN0, 5_000L), 1);
    assertThat(metrics.timestampsWanted(second, GROUP, Set.of("bank.payments")))
        .containsExactly(Map.entry(IN0, 5_000L));
    metrics.record(
        second,
        GROUP,
        Set.of("bank.payments"),
        Set.of(),
        Map.of(IN0, T0.minusSeconds(30).toEpochMilli()));
    assertThat(metrics.lag().lagSeconds()).isEqualTo(40.0);

    // Past where the history began, the history answers without a lookup.
    OffsetSnapshot third =
        snapshot(T0.plusSeconds(20), Map.of(IN0, 10_100L, IN1, 0L), Map.of(IN0, 10_025L), 1);
    assertThat(metrics.timestampsWanted(third, GROUP, Set.of("bank.payments"))).isEmpty();
    metrics.record(third, GROUP, Set.of("bank.payments"), Set.of(), Map.of());
    assertThat(metrics.lag().lagSeconds()).isCloseTo(14.8, within(0.01));
  }

  @Test
  void withoutATimestampAPartitionBehindSinceBeforeTheHistoryIsBehindAtLeastSinceItBegan() {
    record(T0, Map.of(IN0, 10_000L, IN1, 0L), Map.of(IN0, 100L), 1);
    record(T0.plusSeconds(30), Map.of(IN0, 10_000L, IN1, 0L), Map.of(IN0, 200L), 1);

    assertThat(metrics.lag().lagSeconds()).isEqualTo(30.0);
  }

  @Test
  void theOutRateIsTheRecordsTheWorkersWroteNotTheSinksEndOffsets() {
    Object one = "worker-1";
    Object two = "worker-2";
    metrics.written(T0, Map.of(one, 0L, two, 0L));
    record(T0, Map.of(IN0, 100L, IN1, 100L, OUT0, 0L), Map.of(IN0, 100L, IN1, 100L), 1);
    // 200 records in 10 s, but 300 offsets in the sink: a transaction marker per commit.
    metrics.written(T0.plusSeconds(10), Map.of(one, 150L, two, 50L));
    record(
        T0.plusSeconds(10),
        Map.of(IN0, 200L, IN1, 200L, OUT0, 300L),
        Map.of(IN0, 200L, IN1, 200L),
        1);
    assertThat(metrics.throughput().outRecordsPerSecond()).isCloseTo(20.0, within(1e-9));

    // worker-2 was replaced by worker-3, which wrote 40 since it started; worker-1 did not answer.
    Object three = "worker-3";
    metrics.written(T0.plusSeconds(20), Map.of(three, 40L));
    record(
        T0.plusSeconds(20),
        Map.of(IN0, 300L, IN1, 200L, OUT0, 500L),
        Map.of(IN0, 300L, IN1, 200L),
        1);
    assertThat(metrics.throughput().outRecordsPerSecond()).isCloseTo(4.0, within(1e-9));

    // worker-1 answers again: the records it wrote while silent count now, not all it ever wrote.
    metrics.written(T0.plusSeconds(30), Map.of(one, 250L, three, 80L));
    record(
        T0.plusSeconds(30),
        Map.of(IN0, 400L, IN1, 200L, OUT0, 700L),
        Map.of(IN0, 400L, IN1, 200L),
        1);
    assertThat(metrics.throughput().outRecordsPerSecond()).isCloseTo(14.0, within(1e-9));
  }

  private OffsetSnapshot snapshot(
      Instant at,
      Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> committed,
      int members) {
    return new OffsetSnapshot(
        at,
        Map.of("bank.payments", 2, "bank.totals-out", 1),
        ends,
        Map.of(GROUP, committed),
        Map.of(GROUP, members),
        List.of());
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
