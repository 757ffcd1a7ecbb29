package dev.tributary.runtime.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.spec.UpgradeStart;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import dev.tributary.runtime.upgrade.OffsetHandOver.StartingOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a new consumer group starts, on a real broker: two partitions of ten records each, one
 * second apart, the first three of partition 1 deleted, and a previous group that committed only
 * partition 0.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OffsetHandOverIT {

  private static final String TOPIC = "handover.in";
  private static final String OLD = "handover.app";
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private static Admin admin;
  private static Map<String, Object> client;
  private static OffsetHandOver handOver;

  @BeforeAll
  static void write(KafkaBroker kafka) throws Exception {
    client = Map.copyOf(kafka.adminClientProperties());
    admin = Admin.create(client);
    handOver = new OffsetHandOver(admin, Duration.ofSeconds(30));
    TestTopics.create(admin, Map.of(TOPIC, 2));
    try (CheckedProducer producer = new CheckedProducer(client)) {
      for (int partition = 0; partition < 2; partition++) {
        for (int i = 0; i < 10; i++) {
          producer.send(
              new ProducerRecord<>(TOPIC, partition, T0.toEpochMilli() + i * 1_000L, "k", "v" + i));
        }
      }
      producer.flush();
    }
    admin.deleteRecords(Map.of(P1, RecordsToDelete.beforeOffset(3))).all().get();
    admin.alterConsumerGroupOffsets(OLD, Map.of(P0, new OffsetAndMetadata(6))).all().get();
  }

  @AfterAll
  static void close() {
    admin.close();
  }

  @Test
  void previousOffsetsAreWhereTheOldGroupStoppedAndEarliestWhereItNeverCommitted()
      throws Exception {
    List<StartingOffset> plan =
        handOver.plan(OLD, "handover.app.2", List.of(TOPIC), UpgradeStart.PREVIOUS_OFFSETS, null);
    assertThat(plan)
        .containsExactly(
            new StartingOffset(TOPIC, 0, 6, "committed by handover.app"),
            new StartingOffset(TOPIC, 1, 3, "earliest: handover.app committed no offset here"));
    assertThat(committed("handover.app.2")).as("a plan changes nothing").isEmpty();

    handOver.handOver(OLD, "handover.app.2", List.of(TOPIC), UpgradeStart.PREVIOUS_OFFSETS, null);
    assertThat(committed("handover.app.2"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 6L, P1, 3L));
  }

  @Test
  void aHandOverRepeatedAfterTheNewGroupMovedOnNeverMovesItBack() throws Exception {
    String group = "handover.app.3";
    handOver.handOver(OLD, group, List.of(TOPIC), UpgradeStart.PREVIOUS_OFFSETS, null);
    admin.alterConsumerGroupOffsets(group, Map.of(P0, new OffsetAndMetadata(9))).all().get();

    List<StartingOffset> again =
        handOver.handOver(OLD, group, List.of(TOPIC), UpgradeStart.PREVIOUS_OFFSETS, null);

    assertThat(again.get(0))
        .isEqualTo(new StartingOffset(TOPIC, 0, 9, "committed by handover.app.3 already"));
    assertThat(committed(group)).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 9L, P1, 3L));
  }

  @Test
  void earliestIsEveryPartitionsLogStart() throws Exception {
    handOver.handOver(OLD, "handover.app.4", List.of(TOPIC), UpgradeStart.EARLIEST, null);
    assertThat(committed("handover.app.4"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 0L, P1, 3L));
  }

  @Test
  void aTimestampStartsAtTheFirstRecordAtOrAfterItAndPastTheLastAtTheEnd() throws Exception {
    Instant between = T0.plusMillis(4_500);
    assertThat(
            handOver.plan(OLD, "handover.app.5", List.of(TOPIC), UpgradeStart.TIMESTAMP, between))
        .containsExactly(
            new StartingOffset(TOPIC, 0, 5, "the first record at or after " + between),
            new StartingOffset(TOPIC, 1, 5, "the first record at or after " + between));
    Instant later = T0.plusSeconds(3_600);
    assertThat(handOver.plan(OLD, "handover.app.5", List.of(TOPIC), UpgradeStart.TIMESTAMP, later))
        .containsExactly(
            new StartingOffset(TOPIC, 0, 10, "the end: no record at or after " + later),
            new StartingOffset(TOPIC, 1, 10, "the end: no record at or after " + later));
  }

  @Test
  void aSourceTheUpdateAddsIsListedAndReadFromItsStart() {
    List<StartingOffset> plan =
        handOver.plan(
            OLD,
            "handover.app.6",
            List.of(TOPIC, "handover.new"),
            UpgradeStart.PREVIOUS_OFFSETS,
            null);
    assertThat(plan)
        .contains(
            new StartingOffset(
                "handover.new", -1, 0, "a new topic: every partition starts at its first record"));
  }

  @Test
  void kafkaThatDoesNotAnswerIsAClearFailure() {
    try (Admin unreachable =
        Admin.create(
            Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "request.timeout.ms", "500",
                "default.api.timeout.ms", "1000"))) {
      OffsetHandOver nowhere = new OffsetHandOver(unreachable, Duration.ofSeconds(1));
      assertThatThrownBy(
              () -> nowhere.plan(OLD, "x.2", List.of(TOPIC), UpgradeStart.PREVIOUS_OFFSETS, null))
          .isInstanceOf(OffsetHandOverException.class)
          .hasMessageContaining("describing the source");
    }
  }

  private static Map<TopicPartition, Long> committed(String group) throws Exception {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .entrySet()
        .stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }
}
