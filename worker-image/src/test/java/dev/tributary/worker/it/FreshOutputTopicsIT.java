package dev.tributary.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import dev.tributary.worker.config.StreamsSettings;
import dev.tributary.worker.deadletter.DeadLetterCounter;
import dev.tributary.worker.runtime.Worker;
import dev.tributary.worker.runtime.WorkerSettings;
import dev.tributary.worker.topology.TopologyCompiler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's own transactional producers meet topics the moment they appear: a worker runs with
 * its input written and its output topics missing, and the output topics are created while its
 * producers wait for them — so their first writes race the brokers taking up leadership of the new
 * partitions, and its changelog and repartition topics are new as well. Round after round, under
 * exactly_once_v2, the committed output is exactly the input: nothing lost, nothing twice.
 */
class FreshOutputTopicsIT {

  private static final int ROUNDS = 5;
  private static final int RECORDS = 4_000;
  private static final int ACCOUNTS = 50;
  private static final int PARTITIONS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void committedOutputIsExactWhenOutputTopicsAppearWhileTheWorkerWrites() throws Exception {
    // A broker of its own, configured as the platform's: topics are created, never auto-created.
    try (KafkaBroker kafka =
        KafkaBroker.builder()
            .dataDir(work.resolve("kafka"))
            .property("auto.create.topics.enable", "false")
            .start()) {
      runRounds(kafka.bootstrapServers());
    }
  }

  private void runRounds(String bootstrap) throws Exception {
    String template =
        new String(
            getClass().getResourceAsStream("/it/eos-totals.yaml").readAllBytes(),
            StandardCharsets.UTF_8);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      for (int round = 0; round < ROUNDS; round++) {
        String team = "fresh" + round;
        ValidatedPipeline pipeline =
            PipelineValidator.validate(
                    template.replace("bank.", team + ".").replace("team: bank", "team: " + team),
                    new WorkerSettings(work.resolve("pipeline.yaml"), team, null, 1, 0)
                        .validationContext())
                .orThrow();
        TestTopics.create(bootstrap, Map.of(team + ".payments", PARTITIONS));
        long[] counts = new long[ACCOUNTS];
        long[] sums = new long[ACCOUNTS];
        produce(bootstrap, team, counts, sums);

        Properties config =
            StreamsSettings.of(
                pipeline,
                Map.of(
                    StreamsSettings.BOOTSTRAP_SERVERS,
                    bootstrap,
                    StreamsSettings.STATE_DIR,
                    work.resolve("state-" + round).toString()));
        assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
            .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        DeadLetterCounter deadLetters = new DeadLetterCounter();
        try (Worker worker =
            new Worker(
                pipeline,
                TopologyCompiler.compile(pipeline, deadLetters),
                config,
                0,
                deadLetters::total,
                () -> null)) {
          worker.start();
          // Once the worker has created its internal topics it processes the input, and its
          // producers wait for the output topics, which appear a moment later.
          await()
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () ->
                      admin.listTopics().names().get().stream()
                          .anyMatch(t -> t.startsWith(pipeline.applicationId() + "-")));
          Thread.sleep(1_000);
          admin
              .createTopics(
                  List.of(
                      new NewTopic(team + ".totals", PARTITIONS, (short) 1),
                      new NewTopic(team + ".copies", PARTITIONS, (short) 1),
                      new NewTopic(team + ".eos-totals.dead-letter", 1, (short) 1)))
              .all()
              .get();

          await()
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> KafkaClients.readCommitted(bootstrap, team + ".copies").size() >= RECORDS);
          awaitTotals(bootstrap, team, counts, sums);
          assertExactCopies(bootstrap, team, "round " + round);
          assertThat(worker.streamsState())
              .as("round %d", round)
              .isEqualTo(KafkaStreams.State.RUNNING);
          assertThat(deadLetters.total()).as("dead-lettered in round %d", round).isZero();
        }
      }
    }
  }

  private static void produce(String bootstrap, String team, long[] counts, long[] sums) {
    try (CheckedProducer producer = new CheckedProducer(bootstrap)) {
      for (int seq = 0; seq < RECORDS; seq++) {
        int a = seq % ACCOUNTS;
        int amount = seq % 11 + 1;
        counts[a]++;
        sums[a] += amount;
        producer.send(
            new ProducerRecord<>(
                team + ".payments",
                "acct-" + a,
                "{\"account\":\"acct-" + a + "\",\"seq\":" + seq + ",\"amount\":" + amount + "}"));
      }
    }
  }

  private static void awaitTotals(String bootstrap, String team, long[] counts, long[] sums) {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, long[]> totals = new HashMap<>();
              for (ConsumerRecord<String, String> r :
                  KafkaClients.readCommitted(bootstrap, team + ".totals")) {
                JsonNode v = JSON.readTree(r.value());
                totals.put(r.key(), new long[] {v.get("count").asLong(), v.get("sum").asLong()});
              }
              for (int a = 0; a < ACCOUNTS; a++) {
                assertThat(totals.get("acct-" + a))
                    .as("%s acct-%d", team, a)
                    .containsExactly(counts[a], sums[a]);
              }
            });
  }

  private static void assertExactCopies(String bootstrap, String team, String round)
      throws Exception {
    List<ConsumerRecord<String, String>> copies =
        KafkaClients.readCommitted(bootstrap, team + ".copies");
    Set<Long> seen = new HashSet<>();
    for (ConsumerRecord<String, String> r : copies) {
      assertThat(seen.add(JSON.readTree(r.value()).get("seq").asLong()))
          .as("%s: %s written once", round, r.value())
          .isTrue();
    }
    assertThat(seen).as("%s: copied records", round).hasSize(RECORDS);
  }
}
