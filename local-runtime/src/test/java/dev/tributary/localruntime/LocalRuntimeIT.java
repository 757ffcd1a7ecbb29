package dev.tributary.localruntime;

import static dev.tributary.localruntime.TestRuntimes.allReady;
import static dev.tributary.localruntime.TestRuntimes.awaitReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.scaling.LagStatus;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.status.RatePoint;
import dev.tributary.runtime.status.WorkerReport;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local deploy target end to end: a real broker and real worker processes. */
@ExtendWith(KafkaBrokerExtension.class)
class LocalRuntimeIT {

  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalRuntime runtime;
  private static TestKafka kafka;

  @BeforeAll
  static void start(KafkaBroker broker) {
    runtime = TestRuntimes.start(broker, LocalRuntimeIT.class);
    kafka = new TestKafka(broker);
  }

  @AfterAll
  static void stop() {
    runtime.close();
    kafka.close();
  }

  @Test
  void anAppliedPipelineGetsItsTopicsAndReadyWorkersAndReportsLagThroughputAndStores()
      throws Exception {
    String document = TestPipelines.totals("flow", 4, 2);
    PipelineKey key = apply(document, 1);

    assertThat(kafka.describe("bank.flow-payments").partitions()).hasSize(4);
    assertThat(kafka.describe("bank.flow-totals").partitions()).hasSize(4);
    assertThat(kafka.describe("bank.flow-copies").partitions())
        .as("unsized: the default")
        .hasSize(1);
    awaitReport(
        runtime, key, STARTUP, r -> allReady(r, 2) && r.status().phase() == PipelinePhase.RUNNING);

    kafka.pay("bank.flow-payments", 0, 2_000, 50);

    await().atMost(STARTUP).until(() -> kafka.readCommitted("bank.flow-copies").size() == 2_000);
    PipelineReport report =
        awaitReport(
            runtime,
            key,
            Duration.ofMinutes(1),
            r ->
                r.lag().totalRecords() == 0
                    && r.lag().status() == LagStatus.OK
                    && r.lag().consumersActive()
                    && r.throughput().series().stream()
                        .anyMatch(p -> p.inRecordsPerSecond() > 0 && p.outRecordsPerSecond() > 0)
                    && !r.stores().isEmpty());
    assertThat(report.lag().partitions())
        .hasSize(4)
        .allMatch(p -> p.topic().equals("bank.flow-payments"));
    assertThat(report.lag().partitions().stream().mapToLong(p -> p.committedOffset()).sum())
        .isEqualTo(2_000);
    assertThat(report.stores()).allMatch(s -> s.status().equals("ready"));
    assertThat(report.stores())
        .allMatch(s -> s.replicas() >= 1 && s.activeTasks() >= 1 && s.restoreProgress() == 1.0);
    assertThat(report.workers()).extracting(WorkerReport::streamsState).containsOnly("RUNNING");
    assertThat(report.workers()).allMatch(w -> !w.threads().isEmpty());
    assertThat(report.status().deployedRevision()).isEqualTo(1L);
    assertThat(report.minReplicas()).isEqualTo(2);
    assertThat(runtime.list("bank")).extracting(PipelineReport::name).contains("flow");
    assertThat(runtime.list("other")).extracting(PipelineReport::name).doesNotContain("flow");
    assertThat(JSON.valueToTree(report).at("/status/phase").asText()).isEqualTo("Running");
  }

  @Test
  void anUpdateReplacesTheWorkersOneAtATimeAndKeepsTheirState() throws Exception {
    PipelineKey key = apply(TestPipelines.totals("roll", 2, 2), 1);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));
    kafka.pay("bank.roll-payments", 0, 400, 20);
    await().atMost(STARTUP).until(() -> countedPayments("bank.roll-totals") == 400);
    Collection<Long> before = runtime.workerPids(key).values();

    String update = TestPipelines.totals("roll", 2, 2, 2, "amount > 50");
    CompletableFuture<Void> rolled = runtime.apply(TestPipelines.validate(update), 2, update);
    Set<String> readyReasons = new HashSet<>();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              runtime.status(key).orElseThrow().status().conditions().stream()
                  .filter(c -> c.type().equals(Condition.READY))
                  .forEach(c -> readyReasons.add(c.reason()));
              return rolled.isDone();
            });
    rolled.get();

    assertThat(readyReasons).contains("RollingUpdate");
    PipelineReport report = awaitReport(runtime, key, STARTUP, r -> allReady(r, 2));
    assertThat(report.status().deployedRevision()).isEqualTo(2L);
    assertThat(report.workers()).extracting(WorkerReport::revision).containsOnly(2L);
    assertThat(runtime.workerPids(key).values()).doesNotContainAnyElementsOf(before);
    assertThat(runtime.workerPids(key).values()).allMatch(pid -> ProcessHandle.of(pid).isPresent());
    Path files = Path.of(report.workers().get(0).logFile()).getParent().getParent();
    assertThat(files.resolve("revisions/revision-1.yaml")).exists();
    assertThat(files.resolve("revisions/revision-2.yaml")).exists();
    assertThat(files.resolve("state/replica-0")).isDirectory();

    // The same application id after the update: the totals go on from where they were.
    kafka.pay("bank.roll-payments", 400, 400, 20);
    await().atMost(STARTUP).until(() -> countedPayments("bank.roll-totals") == 800);
  }

  @Test
  void aPausedPipelineStopsItsWorkersAndResumesWhereItStopped() throws Exception {
    PipelineKey key = apply(TestPipelines.totals("pause", 2, 1), 1);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 1));
    kafka.pay("bank.pause-payments", 0, 100, 10);
    await().atMost(STARTUP).until(() -> kafka.readCommitted("bank.pause-copies").size() == 100);
    long worker = runtime.workerPids(key).get(0);

    runtime.pause(key).get(2, TimeUnit.MINUTES);

    PipelineReport paused = runtime.status(key).orElseThrow();
    assertThat(paused.status().phase()).isEqualTo(PipelinePhase.PAUSED);
    assertThat(paused.status().replicas()).isZero();
    assertThat(paused.status().conditions())
        .anyMatch(c -> c.type().equals(Condition.READY) && c.reason().equals("Paused"));
    assertThat(ProcessHandle.of(worker)).isEmpty();

    kafka.pay("bank.pause-payments", 100, 200, 10);
    awaitReport(
        runtime,
        key,
        Duration.ofMinutes(1),
        r -> r.lag().totalRecords() == 200 && r.lag().status() == LagStatus.STOPPED);

    runtime.resume(key).get(2, TimeUnit.MINUTES);

    awaitReport(runtime, key, STARTUP, r -> allReady(r, 1) && r.lag().totalRecords() == 0);
    assertThat(kafka.readCommitted("bank.pause-copies")).hasSize(300);
  }

  @Test
  void deletingAPipelineRemovesItsWorkersInternalTopicsGroupAndFilesButNotItsTopics()
      throws Exception {
    PipelineKey key = apply(TestPipelines.totals("gone", 2, 1), 1);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 1));
    kafka.pay("bank.gone-payments", 0, 50, 5);
    await().atMost(STARTUP).until(() -> kafka.readCommitted("bank.gone-copies").size() == 50);
    assertThat(kafka.topics())
        .anyMatch(t -> t.startsWith("bank.gone-") && t.endsWith("-changelog"));
    Path files =
        Path.of(runtime.status(key).orElseThrow().workers().get(0).logFile())
            .getParent()
            .getParent();
    long worker = runtime.workerPids(key).get(0);

    runtime.delete(key).get(3, TimeUnit.MINUTES);

    assertThat(runtime.status(key)).isEmpty();
    assertThat(ProcessHandle.of(worker)).isEmpty();
    assertThat(files).doesNotExist();
    assertThat(kafka.groups()).doesNotContain("bank.gone");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kafka.topics())
                    .noneMatch(
                        t ->
                            t.startsWith("bank.gone-")
                                && (t.endsWith("-changelog") || t.endsWith("-repartition"))));
    assertThat(kafka.topics())
        .contains("bank.gone-payments", "bank.gone-totals", "bank.gone-copies");
  }

  @Test
  void aWorkerThatRejectsItsPipelineIsNotRestartedAndThePipelineIsInvalid() throws Exception {
    ValidatedPipeline pipeline = TestPipelines.validate(TestPipelines.totals("rejected", 1, 1));
    PipelineKey key = PipelineKey.of(pipeline);

    // The worker reads the document from its file; this one is not a pipeline, so it exits with 2.
    runtime
        .apply(pipeline, 1, "apiVersion: tributary.dev/v1alpha1\nkind: Pipeline\n")
        .get(2, TimeUnit.MINUTES);

    PipelineReport report = awaitReport(runtime, key, STARTUP, r -> r.lastCrash() != null);
    assertThat(report.lastCrash().exitCode()).isEqualTo(2);
    assertThat(report.lastCrash().restartAt()).as("not restarted").isNull();
    assertThat(report.status().phase()).isEqualTo(PipelinePhase.FAILED);
    assertThat(report.status().conditions())
        .anyMatch(
            c ->
                c.type().equals(Condition.VALID)
                    && c.status().equals("False")
                    && c.reason().equals("WorkerRejectedPipeline"));
    assertThat(report.restarts()).isZero();
    assertThat(report.workers().get(0).process()).isEqualTo("failed");
  }

  @Test
  void theOutRateCountsTheRecordsWrittenNotTransactionMarkersAtLowAndHighRates() throws Exception {
    // Two sinks, committed ten times a second under exactly-once: each commit writes a marker to
    // every sink partition it wrote to, so end offsets would run far ahead at a low rate.
    PipelineKey key = apply(TestPipelines.totals("rates", 2, 1), 1);
    awaitReport(runtime, key, STARTUP, r -> allReady(r, 1) && r.throughput().series().size() >= 2);

    // Low: 20 payments a second for 20 s.
    try (CheckedProducer producer = kafka.producer()) {
      for (int seq = 0; seq < 400; seq++) {
        producer.send("bank.rates-payments", "acct-" + seq % 5, payment(seq));
        Thread.sleep(50);
      }
    }
    PipelineReport low = awaitCaughtUp(key, 400);
    long writtenLow =
        kafka.readCommitted("bank.rates-totals").size()
            + kafka.readCommitted("bank.rates-copies").size();
    assertThat(recordsOut(low))
        .as("records out over the series against %d written", writtenLow)
        .isCloseTo(writtenLow, withinPercentage(5));

    // High: 20,000 payments as fast as the producer goes.
    kafka.pay("bank.rates-payments", 400, 20_000, 5);
    PipelineReport high = awaitCaughtUp(key, 20_400);
    long writtenHigh =
        kafka.readCommitted("bank.rates-totals").size()
            + kafka.readCommitted("bank.rates-copies").size();
    assertThat(recordsOut(high))
        .as("records out over the series against %d written", writtenHigh)
        .isCloseTo(writtenHigh, withinPercentage(5));
    assertThat(high.throughput().series()).anyMatch(p -> p.outRecordsPerSecond() > 500);
  }

  /** The report once the group has committed {@code records} and two more collections followed. */
  private static PipelineReport awaitCaughtUp(PipelineKey key, long records) {
    PipelineReport caughtUp =
        awaitReport(
            runtime,
            key,
            Duration.ofMinutes(2),
            r ->
                r.lag().partitions().stream().mapToLong(p -> p.committedOffset()).sum() == records);
    int points = caughtUp.throughput().series().size();
    return awaitReport(
        runtime, key, Duration.ofMinutes(1), r -> r.throughput().series().size() >= points + 2);
  }

  /** The records the series says went out: each point's rate over the time since the one before. */
  private static double recordsOut(PipelineReport report) {
    List<RatePoint> series = report.throughput().series();
    double records = 0;
    for (int i = 1; i < series.size(); i++) {
      double seconds =
          Duration.between(Instant.parse(series.get(i - 1).at()), Instant.parse(series.get(i).at()))
                  .toMillis()
              / 1000.0;
      records += series.get(i).outRecordsPerSecond() * seconds;
    }
    return records;
  }

  private static String payment(int seq) {
    return "{\"account\":\"acct-" + seq % 5 + "\",\"seq\":" + seq + ",\"amount\":1}";
  }

  private static PipelineKey apply(String document, long revision) throws Exception {
    ValidatedPipeline pipeline = TestPipelines.validate(document);
    runtime.apply(pipeline, revision, document).get(2, TimeUnit.MINUTES);
    return PipelineKey.of(pipeline);
  }

  /** Payments counted by the totals step, over all accounts (its latest value per account). */
  private static long countedPayments(String totalsTopic) throws Exception {
    long count = 0;
    for (Map.Entry<String, String> total : kafka.latestByKey(totalsTopic).entrySet()) {
      count += JSON.readTree(total.getValue()).get("count").asLong();
    }
    return count;
  }
}
