package dev.tributary.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline whose every replica stops comes back with its state: the new replica, on an empty
 * disk, restores its stores from their changelogs, shows that on its state endpoint, and its
 * aggregates continue from where the old one stopped.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RestartWithStateIT {

  private static final int ACCOUNTS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path work;

  @Test
  void aggregatesContinueAfterAllReplicasRestartOnEmptyDisks(KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    TestTopics.create(
        bootstrap,
        Map.of(
            "restart.payments",
            2,
            "restart.totals",
            2,
            "restart.copies",
            2,
            "restart.eos-totals.dead-letter",
            1));
    Path pipeline = work.resolve("pipeline.yaml");
    Files.writeString(
        pipeline,
        new String(getClass().getResourceAsStream("/it/eos-totals.yaml").readAllBytes())
            .replace("bank.", "restart.")
            .replace("team: bank", "team: restart"));
    Map<String, String> env = Map.of("TRIBUTARY_TEAM", "restart");
    long[] counts = new long[ACCOUNTS];
    long[] sums = new long[ACCOUNTS];

    // Given a replica has aggregated a first batch and stopped ...
    try (WorkerProcess first =
        WorkerProcess.start(
            pipeline, bootstrap, work.resolve("state-a"), work.resolve("a.log"), env)) {
      produce(bootstrap, 0, 20_000, counts, sums);
      awaitTotals(bootstrap, counts, sums);
      assertThat(first.stop()).as("exit code after SIGTERM").isZero();
    }

    // ... when a new replica starts on an empty disk and the input goes on ...
    try (WorkerProcess second =
        WorkerProcess.start(
            pipeline, bootstrap, work.resolve("state-b"), work.resolve("b.log"), env)) {
      int port = second.httpPort();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> get(port, "/q/health/ready").statusCode() == 200);

      // ... then its state endpoint shows the stores it restored from their changelogs ...
      JsonNode state = JSON.readTree(get(port, "/state").body());
      assertThat(state.get("state").asText()).isEqualTo("RUNNING");
      assertThat(state.get("applicationId").asText()).isEqualTo("restart.eos-totals");
      assertThat(state.get("stores"))
          .anySatisfy(
              store -> {
                assertThat(store.get("status").asText()).isEqualTo("ready");
                assertThat(store.get("restoredRecords").asLong()).isPositive();
                assertThat(store.get("remainingRecords").asLong()).isZero();
              });
      assertThat(state.get("threads"))
          .allSatisfy(t -> assertThat(t.get("state").asText()).isEqualTo("RUNNING"));

      // ... and the aggregates continue: counts and sums cover both batches.
      produce(bootstrap, 20_000, 10_000, counts, sums);
      awaitTotals(bootstrap, counts, sums);

      String metrics = get(port, "/q/metrics").body();
      assertThat(metrics)
          .contains("kafka_stream_", "tributary_dead_lettered_records", "jvm_memory_used_bytes");
    }
  }

  private static void produce(
      String bootstrap, int firstSeq, int records, long[] counts, long[] sums) {
    try (CheckedProducer producer = new CheckedProducer(bootstrap)) {
      for (int seq = firstSeq; seq < firstSeq + records; seq++) {
        int a = seq % ACCOUNTS;
        int amount = seq % 7 + 1;
        counts[a]++;
        sums[a] += amount;
        producer.send(
            new ProducerRecord<>(
                "restart.payments",
                "acct-" + a,
                "{\"account\":\"acct-" + a + "\",\"seq\":" + seq + ",\"amount\":" + amount + "}"));
      }
    }
  }

  private static void awaitTotals(String bootstrap, long[] counts, long[] sums) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, long[]> totals = new HashMap<>();
              for (ConsumerRecord<String, String> r :
                  KafkaClients.readCommitted(bootstrap, "restart.totals")) {
                JsonNode v = JSON.readTree(r.value());
                totals.put(r.key(), new long[] {v.get("count").asLong(), v.get("sum").asLong()});
              }
              for (int a = 0; a < ACCOUNTS; a++) {
                assertThat(totals.get("acct-" + a))
                    .as("acct-%d", a)
                    .containsExactly(counts[a], sums[a]);
              }
            });
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
