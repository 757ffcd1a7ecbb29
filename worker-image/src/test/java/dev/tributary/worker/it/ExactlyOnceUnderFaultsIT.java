package dev.tributary.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes, the way Kafka's own system tests check it: while a producer writes a
 * known input, worker processes are killed with SIGKILL and restarted at random moments; the
 * committed output, read with read_committed, must match the input exactly — every record copied
 * once, and every account's final count and sum equal to what was written.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ExactlyOnceUnderFaultsIT {

  private static final int RECORDS = 200_000;
  private static final int ACCOUNTS = 500;
  private static final int KILLS = 5;
  private static final int REPLICAS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void committedOutputIsExactUnderRepeatedKillNine(KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    TestTopics.create(
        bootstrap,
        Map.of(
            "bank.payments",
            4,
            "bank.totals",
            4,
            "bank.copies",
            4,
            "bank.eos-totals.dead-letter",
            1));
    Path pipeline = work.resolve("eos-totals.yaml");
    Files.copy(getClass().getResourceAsStream("/it/eos-totals.yaml"), pipeline);
    // Crashed members must leave the group quickly for the test to take minutes, not hours.
    Map<String, String> env =
        Map.of(
            "TRIBUTARY_TEAM",
            "bank",
            "KAFKA_SESSION_TIMEOUT_MS",
            "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS",
            "1000");
    Random random = new Random(20261126L);

    List<WorkerProcess> workers = new ArrayList<>();
    int started = 0;
    for (int i = 0; i < REPLICAS; i++) {
      workers.add(
          WorkerProcess.start(
              pipeline,
              bootstrap,
              work.resolve("state-" + i),
              work.resolve("worker-" + started++ + ".log"),
              env));
    }
    long[] counts = new long[ACCOUNTS];
    long[] sums = new long[ACCOUNTS];
    ExecutorService producing = Executors.newSingleThreadExecutor();
    try {
      Future<?> produced = producing.submit(() -> produce(bootstrap, counts, sums));
      // Given the input is being written, when workers crash and come back at random moments ...
      for (int kill = 0; kill < KILLS; kill++) {
        Thread.sleep(2_000 + random.nextInt(5_000)); // a random moment, not a synchronisation
        if (produced.isDone()) {
          produced.get(); // a failed send fails the test now, with its cause
        }
        int victim = random.nextInt(REPLICAS);
        workers.get(victim).kill();
        workers.set(
            victim,
            WorkerProcess.start(
                pipeline,
                bootstrap,
                work.resolve("state-" + victim),
                work.resolve("worker-" + started++ + ".log"),
                env));
      }
      produced.get(5, TimeUnit.MINUTES);

      // ... then once they have caught up, the committed output is exactly the input.
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> KafkaClients.readCommitted(bootstrap, "bank.copies").size() >= RECORDS);
      Map<String, long[]> totals = new HashMap<>();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                totals.clear();
                for (ConsumerRecord<String, String> r :
                    KafkaClients.readCommitted(bootstrap, "bank.totals")) {
                  JsonNode v = JSON.readTree(r.value());
                  totals.put(r.key(), new long[] {v.get("count").asLong(), v.get("sum").asLong()});
                }
                assertThat(totals).hasSize(ACCOUNTS);
                for (int a = 0; a < ACCOUNTS; a++) {
                  assertThat(totals.get(account(a)))
                      .as("count and sum of %s", account(a))
                      .containsExactly(counts[a], sums[a]);
                }
              });

      List<ConsumerRecord<String, String>> copies =
          KafkaClients.readCommitted(bootstrap, "bank.copies");
      Set<Long> seen = new HashSet<>();
      long duplicates = 0;
      for (ConsumerRecord<String, String> r : copies) {
        if (!seen.add(JSON.readTree(r.value()).get("seq").asLong())) {
          duplicates++;
        }
      }
      assertThat(duplicates).as("duplicated records").isZero();
      assertThat(seen).as("copied records").hasSize(RECORDS);
      assertThat(copies).hasSize(RECORDS);
    } catch (Throwable t) {
      for (int i = 0; i < started; i++) {
        Path log = work.resolve("worker-" + i + ".log");
        if (Files.exists(log)) {
          String text = Files.readString(log);
          System.err.println(
              "---- worker-"
                  + i
                  + ".log (tail)\n"
                  + text.substring(Math.max(0, text.length() - 4000)));
        }
      }
      throw t;
    } finally {
      producing.shutdownNow();
      for (WorkerProcess w : workers) {
        w.close();
      }
    }
  }

  /**
   * Writes the input at a steady pace over about 40 s, so that the kills land mid-stream; the first
   * failed send ends it with its cause.
   */
  private static Void produce(String bootstrap, long[] counts, long[] sums) throws Exception {
    Random random = new Random(42);
    try (CheckedProducer producer = new CheckedProducer(bootstrap)) {
      long startNanos = System.nanoTime();
      for (int seq = 0; seq < RECORDS; seq++) {
        int a = random.nextInt(ACCOUNTS);
        int amount = 1 + random.nextInt(100);
        counts[a]++;
        sums[a] += amount;
        String value =
            "{\"account\":\"" + account(a) + "\",\"seq\":" + seq + ",\"amount\":" + amount + "}";
        producer.send(new ProducerRecord<>("bank.payments", account(a), value));
        if (seq % 5_000 == 4_999) {
          // Pace the producer: 5,000 records each 1/5,000 of 40 s.
          long due = startNanos + (seq + 1L) * 40_000_000_000L / RECORDS;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
      }
    }
    return null;
  }

  private static String account(int a) {
    return "acct-" + a;
  }
}
