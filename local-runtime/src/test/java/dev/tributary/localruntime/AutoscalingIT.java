package dev.tributary.localruntime;

import static dev.tributary.localruntime.TestRuntimes.allReady;
import static dev.tributary.localruntime.TestRuntimes.awaitReport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replicas follow the lag within the pipeline's bounds, never beyond its source partitions. */
@ExtendWith(KafkaBrokerExtension.class)
class AutoscalingIT {

  private static LocalRuntime runtime;
  private static TestKafka kafka;

  @BeforeAll
  static void start(KafkaBroker broker) {
    runtime = TestRuntimes.start(broker, AutoscalingIT.class);
    kafka = new TestKafka(broker);
  }

  @AfterAll
  static void stop() {
    runtime.close();
    kafka.close();
  }

  @Test
  void lagAboveTargetAddsReplicasUpToTheSourcePartitionsAndTheyGoOnceCaughtUp() throws Exception {
    String document =
        TestPipelines.totals("scale", 2, 1, 4, "amount >= 0")
            .replace(
                "    replicas: {min: 1, max: 4}",
                "    replicas: {min: 1, max: 4}\n    autoscaling: {targetLagRecords: 1, stabilizationWindow: 20s}");
    ValidatedPipeline pipeline = TestPipelines.validate(document);
    PipelineKey key = PipelineKey.of(pipeline);
    runtime.apply(pipeline, 1, document).get(2, TimeUnit.MINUTES);
    PipelineReport started = awaitReport(runtime, key, Duration.ofMinutes(3), r -> allReady(r, 1));
    assertThat(started.maxReplicas()).as("4 asked, 2 source partitions").isEqualTo(2);

    // Given a steady stream the single replica stays behind by more than one record ...
    AtomicBoolean producing = new AtomicBoolean(true);
    ExecutorService producer = Executors.newSingleThreadExecutor();
    Future<?> stream = producer.submit(() -> produceWhile(producing));
    try {
      // ... the autoscaler adds the second replica, and no more.
      PipelineReport scaledUp =
          awaitReport(runtime, key, Duration.ofMinutes(3), r -> allReady(r, 2));
      assertThat(scaledUp.status().conditions())
          .anyMatch(
              c ->
                  c.type().equals(Condition.SCALING)
                      && c.message().contains("at most 2 replicas: the inputs have 2 partitions"));
    } finally {
      producing.set(false);
      stream.get(1, TimeUnit.MINUTES);
      producer.shutdown();
    }

    // Once caught up, the extra replica goes after the stabilisation window.
    PipelineReport scaledDown =
        awaitReport(
            runtime,
            key,
            Duration.ofMinutes(3),
            r -> r.status().desiredReplicas() == 1 && r.status().replicas() == 1);
    assertThat(scaledDown.lag().totalRecords()).isZero();
  }

  private static void produceWhile(AtomicBoolean producing) {
    try (CheckedProducer producer = kafka.producer()) {
      for (int seq = 0; producing.get(); seq++) {
        String account = "acct-" + seq % 50;
        producer.send(
            new ProducerRecord<>(
                "bank.scale-payments",
                account,
                "{\"account\":\"" + account + "\",\"seq\":" + seq + ",\"amount\":1}"));
        if (seq % 100 == 99) {
          TimeUnit.MILLISECONDS.sleep(200); // pacing the load: about 500 records/s
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
