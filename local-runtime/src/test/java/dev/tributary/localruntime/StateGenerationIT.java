package dev.tributary.localruntime;

import static dev.tributary.localruntime.TestRuntimes.allReady;
import static dev.tributary.localruntime.TestRuntimes.awaitReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
import dev.tributary.runtime.upgrade.OffsetHandOver.StartingOffset;
import dev.tributary.runtime.upgrade.UpgradeClassification;
import dev.tributary.runtime.upgrade.UpgradeClassifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A state-incompatible update under load with {@code reset-state} from the previous offsets: the
 * new generation of the state runs under its own application id, starts exactly where the old
 * consumer group stopped, and every input record is processed once across the old and the new
 * outputs (read as read_committed consumers read them). Then the old generation's group, internal
 * topics and state folders are gone.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StateGenerationIT {

  private static final int RECORDS = 20_000;
  private static final int ACCOUNTS = 50;
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRuntime runtime;
  private static TestKafka kafka;

  @BeforeAll
  static void start(KafkaBroker broker) {
    runtime = TestRuntimes.start(broker, StateGenerationIT.class);
    kafka = new TestKafka(broker);
  }

  @AfterAll
  static void stop() {
    runtime.close();
    kafka.close();
  }

  @Test
  void aWindowedAggregateResetUnderLoadCountsEveryRecordOnceAcrossBothGenerations()
      throws Exception {
    ValidatedPipeline first = TestPipelines.validate(windowed("1h", "bank.genagg-totals-1", ""));
    PipelineKey key = PipelineKey.of(first);
    runtime.apply(first, 1).get(2, TimeUnit.MINUTES);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));

    long[] counts = new long[ACCOUNTS];
    ExecutorService producing = Executors.newSingleThreadExecutor();
    Future<?> produced =
        producing.submit(() -> produce("bank.genagg-payments", counts, Duration.ofSeconds(30)));
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.genagg-copies").size() >= RECORDS / 4);

    // The window grows from an hour to two: the stored windows cannot be read forward.
    ValidatedPipeline second =
        TestPipelines.validate(
                windowed(
                    "2h",
                    "bank.genagg-totals-2",
                    "  upgrade: {mode: reset-state, startFrom: previous-offsets}\n"))
            .withStateGeneration(2);
    assertThat(second.applicationId()).isEqualTo("bank.genagg.2");
    List<StartingOffset> planned = runtime.startingOffsets(first, second);
    assertThat(planned)
        .extracting(StartingOffset::topic, StartingOffset::partition)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bank.genagg-payments", 0),
            org.assertj.core.groups.Tuple.tuple("bank.genagg-payments", 1),
            org.assertj.core.groups.Tuple.tuple("bank.genagg-payments", 2));
    assertThat(planned)
        .allSatisfy(p -> assertThat(p.origin()).isEqualTo("committed by bank.genagg"));

    runtime.apply(second, 2).get(3, TimeUnit.MINUTES);
    var running = awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));
    assertThat(running.applicationId()).isEqualTo("bank.genagg.2");

    produced.get(3, TimeUnit.MINUTES);
    producing.shutdown();

    // Every payment is copied once, by one generation or the other.
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.readCommitted("bank.genagg-copies").size() >= RECORDS);
    assertOnce(kafka.readCommitted("bank.genagg-copies"));

    // The new group started where the old one stopped: the old generation's last counts plus
    // the new generation's are every account's payments, not one more or less.
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, Long> before = lastCounts("bank.genagg-totals-1");
              Map<String, Long> after = lastCounts("bank.genagg-totals-2");
              assertThat(after).as("the new generation counted records").isNotEmpty();
              for (int a = 0; a < ACCOUNTS; a++) {
                String account = "acct-" + a;
                assertThat(before.getOrDefault(account, 0L) + after.getOrDefault(account, 0L))
                    .as("payments of %s counted across both generations", account)
                    .isEqualTo(counts[a]);
              }
            });

    // Once the new generation runs, the old one's group, internal topics and state are removed.
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(kafka.groups()).doesNotContain("bank.genagg").contains("bank.genagg.2");
              assertThat(kafka.topics())
                  .noneMatch(t -> t.startsWith("bank.genagg-") && t.endsWith("-changelog"))
                  .anyMatch(t -> t.startsWith("bank.genagg.2-") && t.endsWith("-changelog"));
              Path state = stateFolder(key, 0);
              assertThat(state.resolve("bank.genagg")).doesNotExist();
              assertThat(state.resolve("bank.genagg.2")).exists();
            });
  }

  @Test
  void aJoinResetUnderLoadJoinsEveryRecordOnceAndRebuildsItsTable() throws Exception {
    ValidatedPipeline first = TestPipelines.validate(joined(""));
    PipelineKey key = PipelineKey.of(first);
    runtime.apply(first, 1).get(2, TimeUnit.MINUTES);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));
    try (CheckedProducer producer = kafka.producer()) {
      for (int a = 0; a < ACCOUNTS; a++) {
        producer.send(
            new ProducerRecord<>(
                "bank.genjoin-accounts",
                "acct-" + a,
                "{\"account\":\"acct-" + a + "\",\"owner\":\"owner-" + a + "\"}"));
      }
      producer.flush();
    }

    long[] counts = new long[ACCOUNTS];
    ExecutorService producing = Executors.newSingleThreadExecutor();
    Future<?> produced =
        producing.submit(() -> produce("bank.genjoin-payments", counts, Duration.ofSeconds(30)));
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.genjoin-out").size() >= RECORDS / 4);
    Map<TopicPartition, OffsetAndMetadata> committed =
        kafka
            .admin()
            .listConsumerGroupOffsets("bank.genjoin")
            .partitionsToOffsetAndMetadata()
            .get();
    assertThat(committed.keySet()).contains(new TopicPartition("bank.genjoin-payments", 0));

    // The table gains a field: its stored rows were read with the old declaration.
    ValidatedPipeline second =
        TestPipelines.validate(joined("  upgrade: {mode: reset-state}\n")).withStateGeneration(2);
    runtime.apply(second, 2).get(3, TimeUnit.MINUTES);
    awaitReport(
        runtime, key, STARTUP, r -> allReady(r, 2) && r.applicationId().equals("bank.genjoin.2"));

    produced.get(3, TimeUnit.MINUTES);
    producing.shutdown();

    // An inner join drops a payment whose account it does not find: every payment joined once
    // means that the new generation read the whole table again into its empty store, and that no
    // payment was skipped or read twice at the hand-over.
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.readCommitted("bank.genjoin-out").size() >= RECORDS);
    List<ConsumerRecord<String, String>> out = kafka.readCommitted("bank.genjoin-out");
    assertOnce(out);
    for (ConsumerRecord<String, String> record : out) {
      JsonNode value = JSON.readTree(record.value());
      assertThat(value.get("owner").asText())
          .isEqualTo("owner-" + value.get("account").asText().substring("acct-".length()));
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(kafka.groups()).doesNotContain("bank.genjoin"));
  }

  @Test
  void aCompatibleChangeKeepsTheStateAndTheTotalsContinueExactly() throws Exception {
    String document = TestPipelines.totals("genkeep", 3, 1);
    ValidatedPipeline first = TestPipelines.validate(document);
    PipelineKey key = PipelineKey.of(first);
    runtime.apply(first, 1).get(2, TimeUnit.MINUTES);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 1));

    long[] counts = new long[ACCOUNTS];
    ExecutorService producing = Executors.newSingleThreadExecutor();
    Future<?> produced =
        producing.submit(() -> produce("bank.genkeep-payments", counts, Duration.ofSeconds(30)));
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.genkeep-copies").size() >= RECORDS / 4);

    // An aggregate added: the stored totals are read forward.
    ValidatedPipeline second =
        TestPipelines.validate(
            document.replace(
                "sum: {fn: sum, of: amount}\n",
                "sum: {fn: sum, of: amount}\n          largest: {fn: max, of: amount}\n"));
    assertThat(UpgradeClassifier.classify(first, second).kind())
        .isEqualTo(UpgradeClassification.Kind.STATE_COMPATIBLE);
    runtime.apply(second, 2).get(3, TimeUnit.MINUTES);
    awaitReport(
        runtime,
        key,
        STARTUP,
        r -> allReady(r, 1) && r.applicationId().equals("bank.genkeep") && r.revision() == 2);

    produced.get(3, TimeUnit.MINUTES);
    producing.shutdown();
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.readCommitted("bank.genkeep-copies").size() >= RECORDS);
    assertOnce(kafka.readCommitted("bank.genkeep-copies"));
    // Every account's count and sum cover the payments before and after the update: the state was
    // kept, so the totals went on from where they were.
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, String> totals = kafka.latestByKey("bank.genkeep-totals");
              assertThat(totals).hasSize(ACCOUNTS);
              for (int a = 0; a < ACCOUNTS; a++) {
                JsonNode total = JSON.readTree(totals.get("acct-" + a));
                assertThat(total.get("count").asLong())
                    .as("count of acct-%d", a)
                    .isEqualTo(counts[a]);
                assertThat(total.get("sum").asLong()).as("sum of acct-%d", a).isEqualTo(counts[a]);
                assertThat(total.get("largest").asLong()).as("largest of acct-%d", a).isEqualTo(1);
              }
            });
  }

  @Test
  void goingBackToAnEarlierGenerationContinuesWhereTheLaterOneStopped() throws Exception {
    String document = TestPipelines.totals("genback", 3, 1);
    ValidatedPipeline first = TestPipelines.validate(document);
    PipelineKey key = PipelineKey.of(first);
    runtime.apply(first, 1).get(2, TimeUnit.MINUTES);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 1));

    long[] counts = new long[ACCOUNTS];
    ExecutorService producing = Executors.newSingleThreadExecutor();
    Future<?> produced =
        producing.submit(() -> produce("bank.genback-payments", counts, Duration.ofSeconds(30)));
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.genback-copies").size() >= RECORDS / 5);
    runtime.apply(first.withStateGeneration(2), 2).get(3, TimeUnit.MINUTES);
    awaitReport(
        runtime, key, STARTUP, r -> allReady(r, 1) && r.applicationId().equals("bank.genback.2"));
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.genback-copies").size() >= RECORDS / 2);

    // Back to the first generation (what a rollback does): it starts where the second stopped.
    runtime.apply(first, 3).get(3, TimeUnit.MINUTES);
    awaitReport(
        runtime, key, STARTUP, r -> allReady(r, 1) && r.applicationId().equals("bank.genback"));
    produced.get(3, TimeUnit.MINUTES);
    producing.shutdown();
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.readCommitted("bank.genback-copies").size() >= RECORDS);
    assertOnce(kafka.readCommitted("bank.genback-copies"));
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(kafka.groups())
                    .contains("bank.genback")
                    .doesNotContain("bank.genback.2"));
  }

  private static String windowed(String size, String totalsTopic, String upgrade) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: genagg
          team: bank
        spec:
          sources:
            - name: payments
              topic: bank.genagg-payments
              partitions: 3
              key: {field: account}
              fields: {account: string, seq: int, amount: int}
          steps:
            - name: per-window
              input: payments
              aggregate:
                groupBy: {account: account}
                window: {type: tumbling, size: %s, grace: 1h}
                emit: changes
                aggregates:
                  count: {fn: count}
            - name: copies
              input: payments
              filter: 'amount >= 0'
          sinks:
            - {name: totals, input: per-window, topic: %s, partitions: 3}
            - {name: copies, input: copies, topic: bank.genagg-copies, partitions: 3}
          runtime:
            commitInterval: 100ms
            replicas: {min: 2, max: 2}
        %s"""
        .formatted(size, totalsTopic, upgrade);
  }

  private static String joined(String upgrade) {
    String tier = upgrade.isEmpty() ? "" : ", tier: string";
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: genjoin
          team: bank
        spec:
          sources:
            - name: payments
              topic: bank.genjoin-payments
              partitions: 3
              key: {field: account}
              fields: {account: string, seq: int, amount: int}
          tables:
            - name: accounts
              topic: bank.genjoin-accounts
              partitions: 3
              key: {field: account}
              fields: {account: string, owner: string%s}
          steps:
            - name: enriched
              input: payments
              join:
                with: accounts
                key: account
                select: {account: account, seq: seq, owner: owner}
          sinks:
            - {name: out, input: enriched, topic: bank.genjoin-out, partitions: 3}
          runtime:
            commitInterval: 100ms
            replicas: {min: 2, max: 2}
        %s"""
        .formatted(tier, upgrade);
  }

  /** Writes the payments paced over {@code over}, so that the update lands while they flow. */
  private static void produce(String topic, long[] counts, Duration over) {
    long start = System.nanoTime();
    try (CheckedProducer producer = kafka.producer()) {
      for (int seq = 0; seq < RECORDS; seq++) {
        int account = seq % ACCOUNTS;
        counts[account]++;
        producer.send(
            new ProducerRecord<>(
                topic,
                "acct-" + account,
                "{\"account\":\"acct-" + account + "\",\"seq\":" + seq + ",\"amount\":1}"));
        if (seq % 500 == 499) {
          long wait = start + (seq + 1L) * over.toNanos() / RECORDS - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
          }
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every seq from 0 to RECORDS - 1 exactly once. */
  private static void assertOnce(List<ConsumerRecord<String, String>> records) throws Exception {
    Set<Long> seen = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      long seq = JSON.readTree(record.value()).get("seq").asLong();
      assertThat(seen.add(seq)).as("seq %d written once", seq).isTrue();
    }
    assertThat(records).hasSize(RECORDS);
  }

  /** Per account, the sum over its windows of each window's last count. */
  private static Map<String, Long> lastCounts(String topic) throws Exception {
    Map<String, Long> perWindow = new HashMap<>();
    for (ConsumerRecord<String, String> record : kafka.readCommitted(topic)) {
      JsonNode value = JSON.readTree(record.value());
      perWindow.put(
          value.get("account").asText() + "@" + value.get("windowStart").asText(),
          value.get("count").asLong());
    }
    Map<String, Long> perAccount = new HashMap<>();
    perWindow.forEach(
        (window, count) ->
            perAccount.merge(window.substring(0, window.indexOf('@')), count, Long::sum));
    return perAccount;
  }

  private static Path stateFolder(PipelineKey key, int replica) {
    return Path.of("target", "local-runtime-it", StateGenerationIT.class.getSimpleName())
        .toAbsolutePath()
        .resolve(key.team())
        .resolve(key.name())
        .resolve("state")
        .resolve("replica-" + replica);
  }
}
