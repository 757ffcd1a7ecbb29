package dev.tributary.localruntime;

import static dev.tributary.localruntime.TestRuntimes.allReady;
import static dev.tributary.localruntime.TestRuntimes.awaitReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
 * On a secured broker each pipeline's workers run with a Kafka identity of their own: a file only
 * the runtime's user can read, a SCRAM user per generation. Rotating it mid-stream loses and
 * repeats nothing, and deleting the pipeline leaves no user and no ACL behind.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineCredentialsIT {

  private static final int RECORDS = 20_000;
  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRuntime runtime;
  private static TestKafka kafka;
  private static KafkaAccess access;
  private static KafkaBroker broker;

  @BeforeAll
  static void start(KafkaBroker kafkaBroker) {
    broker = kafkaBroker;
    assertThat(broker.isSecured()).as("this test needs %s", KafkaBrokerExtension.SECURED).isTrue();
    runtime = TestRuntimes.start(broker, PipelineCredentialsIT.class);
    kafka = new TestKafka(broker);
    access = new KafkaAccess(kafka.admin(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    runtime.close();
    kafka.close();
  }

  @Test
  void rotatingMidStreamKeepsExactlyOnceAndDeletingLeavesNoUserOrAclBehind() throws Exception {
    String document = TestPipelines.totals("keys", 4, 2);
    ValidatedPipeline pipeline = TestPipelines.validate(document);
    PipelineKey key = PipelineKey.of(pipeline);
    runtime.apply(pipeline, 1, document).get(2, TimeUnit.MINUTES);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));

    // The workers' identity is the pipeline's, in a file only this user can read.
    Path file =
        PipelineFiles.under(
                Path.of("target", "local-runtime-it", "PipelineCredentialsIT").toAbsolutePath(),
                key)
            .kafkaClientProperties();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    String text = Files.readString(file);
    assertThat(text)
        .contains("username=\"pipeline.bank.keys.1\"")
        .doesNotContain("tributary-admin");
    assertThat(runtime.kafkaUser(key)).contains("pipeline.bank.keys.1");
    assertThat(access.users()).contains("pipeline.bank.keys.1");

    // Records flow while the credential is rotated and every worker replaced.
    ExecutorService producing = Executors.newSingleThreadExecutor();
    Future<?> produced = producing.submit(PipelineCredentialsIT::produce);
    await()
        .atMost(STARTUP)
        .until(() -> kafka.readCommitted("bank.keys-copies").size() >= RECORDS / 5);
    Map<Integer, Long> before = runtime.workerPids(key);
    runtime.rotateCredentials(key).get(3, TimeUnit.MINUTES);

    assertThat(runtime.kafkaUser(key)).contains("pipeline.bank.keys.2");
    assertThat(runtime.workerPids(key).values()).doesNotContainAnyElementsOf(before.values());
    assertThat(access.users())
        .contains("pipeline.bank.keys.2")
        .doesNotContain("pipeline.bank.keys.1");
    assertThat(access.acls("User:pipeline.bank.keys.1")).isEmpty();

    produced.get(3, TimeUnit.MINUTES);
    producing.shutdown();
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.readCommitted("bank.keys-copies").size() >= RECORDS);
    List<ConsumerRecord<String, String>> copies = kafka.readCommitted("bank.keys-copies");
    Set<Long> seen = new HashSet<>();
    for (ConsumerRecord<String, String> copy : copies) {
      assertThat(seen.add(JSON.readTree(copy.value()).get("seq").asLong()))
          .as("seq copied once")
          .isTrue();
    }
    assertThat(copies).hasSize(RECORDS);

    // Deleting the pipeline removes every generation's user and its ACLs.
    runtime.delete(key).get(3, TimeUnit.MINUTES);
    assertThat(access.users()).noneMatch(user -> user.startsWith("pipeline.bank.keys."));
    assertThat(access.acls("User:pipeline.bank.keys.2")).isEmpty();
    assertThat(Files.exists(file)).isFalse();
  }

  /** Writes the payments over about 20 s, so that the rotation lands while they flow. */
  private static void produce() {
    long start = System.nanoTime();
    try (CheckedProducer producer = kafka.producer()) {
      for (int seq = 0; seq < RECORDS; seq++) {
        String account = "acct-" + (seq % 100);
        producer.send(
            new ProducerRecord<>(
                "bank.keys-payments",
                account,
                "{\"account\":\"" + account + "\",\"seq\":" + seq + ",\"amount\":1}"));
        if (seq % 1_000 == 999) {
          long wait = start + (seq + 1L) * 20_000_000_000L / RECORDS - System.nanoTime();
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
}
