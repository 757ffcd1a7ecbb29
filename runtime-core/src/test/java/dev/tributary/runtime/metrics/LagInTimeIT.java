package dev.tributary.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lag in time against a real broker: a group that starts far behind, on a backlog older than
 * anything the collector has seen, is as far behind as its oldest unprocessed record's timestamp
 * says; once it is inside the collector's own history, the history answers.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LagInTimeIT {

  private static final String TOPIC = "lagtime.orders";
  private static final String GROUP = "lagtime.etl";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

  private static Admin admin;
  private static String bootstrap;

  @BeforeAll
  static void connect(KafkaBroker kafka) throws Exception {
    bootstrap = kafka.bootstrapServers();
    admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    TestTopics.create(admin, Map.of(TOPIC, 1));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void aGroupOnABacklogIsAsFarBehindAsItsOldestRecordAndLaterAsTheHistorySays() throws Exception {
    // A backlog written an hour and a half ago, one record a second: offset n is 5,400 - n s old.
    Instant written = Instant.now().minusSeconds(5_400);
    produce(0, 1_000, written);
    commit(100);

    PipelineMetrics metrics = new PipelineMetrics(Duration.ofMinutes(10), Duration.ofSeconds(2));
    MonitoredPipeline pipeline = monitored(metrics);
    try (RecordTimestamps timestamps =
        new RecordTimestamps(bootstrap, "lag-in-time-it", Duration.ofSeconds(10))) {
      LagCollector collector =
          new LagCollector(new OffsetReader(admin, Duration.ofSeconds(10)), timestamps);

      collector.collect(Set.of(pipeline));
      assertThat(metrics.lag().totalRecords()).isEqualTo(900);
      assertThat(metrics.lag().lagSeconds())
          .as("the record at offset 100 was written 5,300 s ago")
          .isCloseTo(5_300, within(5.0));

      // The group moves on inside the backlog: still older than the history, read again.
      commit(700);
      collector.collect(Set.of(pipeline));
      assertThat(metrics.lag().lagSeconds()).isCloseTo(4_700, within(5.0));

      // New records arrive between two collections; the group then stops among them. Their
      // producer's timestamps say nothing: the history of end offsets tells when they arrived.
      commit(1_000);
      collector.collect(Set.of(pipeline));
      Instant before = Instant.now();
      Thread.sleep(1_000);
      produce(1_000, 100, Instant.parse("2020-01-01T00:00:00Z"));
      Thread.sleep(1_000);
      Instant after = Instant.now();
      collector.collect(Set.of(pipeline));
      commit(1_050);
      Thread.sleep(3_000);
      collector.collect(Set.of(pipeline));
      double behind = metrics.lag().lagSeconds();
      assertThat(behind)
          .as("offset 1,050 arrived between the two collections around its writing")
          .isBetween(
              Duration.between(after, Instant.now()).toMillis() / 1000.0 - 0.5,
              Duration.between(before, Instant.now()).toMillis() / 1000.0 + 0.5);
    }
  }

  @Test
  void aGroupThatCaughtUpIsNotBehind() throws Exception {
    String topic = "lagtime.caught-up";
    TestTopics.create(admin, Map.of(topic, 1));
    TopicPartition p0 = new TopicPartition(topic, 0);
    try (CheckedProducer producer = producer()) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, 0, 0L, "k", "v"));
      }
    }
    admin
        .alterConsumerGroupOffsets("lagtime.caught-up", Map.of(p0, new OffsetAndMetadata(10)))
        .all()
        .get();
    PipelineMetrics metrics = new PipelineMetrics(Duration.ofMinutes(10), Duration.ofSeconds(2));
    try (RecordTimestamps timestamps =
        new RecordTimestamps(bootstrap, "lag-in-time-it-2", Duration.ofSeconds(10))) {
      new LagCollector(new OffsetReader(admin, Duration.ofSeconds(10)), timestamps)
          .collect(Set.of(monitored("lagtime.caught-up", topic, metrics)));
    }
    assertThat(metrics.lag().totalRecords()).isZero();
    assertThat(metrics.lag().lagSeconds()).isZero();
  }

  private static void produce(int from, int count, Instant firstTimestamp) throws Exception {
    try (CheckedProducer producer = producer()) {
      for (int i = 0; i < count; i++) {
        long timestamp = firstTimestamp.plusSeconds(i).toEpochMilli();
        producer.send(new ProducerRecord<>(TOPIC, 0, timestamp, "order-" + (from + i), "{}"));
      }
    }
  }

  private static CheckedProducer producer() {
    return new CheckedProducer(bootstrap);
  }

  private static void commit(long offset) throws Exception {
    admin.alterConsumerGroupOffsets(GROUP, Map.of(P0, new OffsetAndMetadata(offset))).all().get();
  }

  private static MonitoredPipeline monitored(PipelineMetrics metrics) {
    return monitored(GROUP, TOPIC, metrics);
  }

  private static MonitoredPipeline monitored(String group, String topic, PipelineMetrics metrics) {
    return new MonitoredPipeline() {
      @Override
      public String group() {
        return group;
      }

      @Override
      public Set<String> inputTopics() {
        return Set.of(topic);
      }

      @Override
      public Set<String> outputTopics() {
        return Set.of();
      }

      @Override
      public PipelineMetrics metrics() {
        return metrics;
      }
    };
  }
}
