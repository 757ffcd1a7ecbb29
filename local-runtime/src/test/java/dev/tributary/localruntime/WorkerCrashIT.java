package dev.tributary.localruntime;

import static dev.tributary.localruntime.TestRuntimes.allReady;
import static dev.tributary.localruntime.TestRuntimes.awaitReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault test of the local target: a worker is killed with SIGKILL while records flow; the
 * runtime notices, says so in the status and restarts it, and the committed output (read as
 * read_committed consumers read it) has every input record exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerCrashIT {

  private static final int RECORDS = 30_000;
  private static final int ACCOUNTS = 200;
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRuntime runtime;
  private static TestKafka kafka;

  @BeforeAll
  static void start(KafkaBroker broker) {
    runtime = TestRuntimes.start(broker, WorkerCrashIT.class);
    kafka = new TestKafka(broker);
  }

  @AfterAll
  static void stop() {
    runtime.close();
    kafka.close();
  }

  @Test
  void aWorkerKilledMidStreamIsRestartedAndReportedAndTheOutputStaysExactlyOnce() throws Exception {
    String document = TestPipelines.totals("crash", 4, 2);
    ValidatedPipeline pipeline = TestPipelines.validate(document);
    PipelineKey key = PipelineKey.of(pipeline);
    runtime.apply(pipeline, 1, document).get(2, TimeUnit.MINUTES);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));

    // Given records flowing through both replicas ...
    long[] counts = new long[ACCOUNTS];
    long[] sums = new long[ACCOUNTS];
    ExecutorService producing = Executors.newSingleThreadExecutor();
    Future<?> produced = producing.submit(() -> produce(counts, sums));
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.crash-copies").size() >= RECORDS / 5);

    // ... when one worker is killed with SIGKILL mid-stream ...
    long victim = runtime.workerPids(key).get(0);
    ProcessHandle.of(victim).orElseThrow().destroyForcibly();

    // ... then the status shows the crash, and the runtime restarts the worker in its slot.
    PipelineReport crashed =
        awaitReport(runtime, key, Duration.ofMinutes(1), r -> r.restarts() == 1);
    Condition failure =
        crashed.status().conditions().stream()
            .filter(c -> c.type().equals("ReplicaFailure"))
            .findFirst()
            .orElseThrow();
    assertThat(failure.status()).isEqualTo("True");
    assertThat(failure.reason()).isEqualTo("WorkerCrashed");
    assertThat(failure.message()).contains("replica 0 (pid " + victim + ") exited with code 137");
    assertThat(crashed.lastCrash().exitCode()).isEqualTo(137);
    assertThat(crashed.lastCrash().replica()).isZero();
    assertThat(crashed.lastCrash().logTail()).isNotEmpty();
    assertThat(crashed.workers().get(0).restarts()).isEqualTo(1);
    assertThat(crashed.workers().get(0).lastExitCode()).isEqualTo(137);

    produced.get(3, TimeUnit.MINUTES);
    producing.shutdown();
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));
    assertThat(runtime.workerPids(key).get(0)).isNotEqualTo(victim);

    // The committed output has every payment once, and every account's count and sum exact.
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.readCommitted("bank.crash-copies").size() >= RECORDS);
    List<ConsumerRecord<String, String>> copies = kafka.readCommitted("bank.crash-copies");
    Set<Long> seen = new HashSet<>();
    for (ConsumerRecord<String, String> copy : copies) {
      assertThat(seen.add(JSON.readTree(copy.value()).get("seq").asLong()))
          .as("seq copied once")
          .isTrue();
    }
    assertThat(copies).hasSize(RECORDS);
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, long[]> totals = new HashMap<>();
              kafka
                  .latestByKey("bank.crash-totals")
                  .forEach(
                      (account, value) -> {
                        JsonNode total = read(value);
                        totals.put(
                            account,
                            new long[] {total.get("count").asLong(), total.get("sum").asLong()});
                      });
              assertThat(totals).hasSize(ACCOUNTS);
              for (int a = 0; a < ACCOUNTS; a++) {
                assertThat(totals.get("acct-" + a))
                    .as("count and sum of acct-%d", a)
                    .containsExactly(counts[a], sums[a]);
              }
            });
  }

  /** Writes the payments over about 30 s, so that the kill lands while they flow. */
  private static void produce(long[] counts, long[] sums) {
    long start = System.nanoTime();
    try (CheckedProducer producer = kafka.producer()) {
      for (int seq = 0; seq < RECORDS; seq++) {
        int account = seq % ACCOUNTS;
        int amount = 1 + (seq * 7) % 100;
        counts[account]++;
        sums[account] += amount;
        producer.send(
            new ProducerRecord<>(
                "bank.crash-payments",
                "acct-" + account,
                "{\"account\":\"acct-"
                    + account
                    + "\",\"seq\":"
                    + seq
                    + ",\"amount\":"
                    + amount
                    + "}"));
        if (seq % 1_000 == 999) {
          long wait = start + (seq + 1L) * 30_000_000_000L / RECORDS - System.nanoTime();
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

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
