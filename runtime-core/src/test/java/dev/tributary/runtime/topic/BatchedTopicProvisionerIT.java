package dev.tributary.runtime.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class BatchedTopicProvisionerIT {

  private static final int PIPELINES = 60;

  private static Admin admin;
  private static TopicProvisioner provisioner;

  @BeforeAll
  static void connect(KafkaBroker kafka) {
    admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    provisioner = new TopicProvisioner(admin, 2, (short) 1, Duration.ofSeconds(30));
  }

  @AfterAll
  static void disconnect() {
    admin.close();
  }

  @Test
  void pipelinesAskingAtOnceShareBatchesAndEachGetsTheOutcomeOfItsOwnPlans() throws Exception {
    // Every pipeline has its own source and sink and reads one shared topic; every tenth plans the
    // shared topic as its sink instead, which cannot go into the same batch as a source plan.
    List<List<TopicPlan>> plans = new ArrayList<>();
    for (int i = 0; i < PIPELINES; i++) {
      TopicRole sharedRole = i % 10 == 9 ? TopicRole.SINK : TopicRole.SOURCE;
      plans.add(
          List.of(
              plan("btp.p" + i + ".in", TopicRole.SOURCE, 1 + i % 3),
              plan("btp.shared", sharedRole, 4),
              plan("btp.p" + i + ".out", TopicRole.SINK, 2)));
    }
    List<TopicProvisioning> outcomes = new ArrayList<>();
    try (BatchedTopicProvisioner batched = new BatchedTopicProvisioner(provisioner, 2, 1_000);
        ExecutorService callers = Executors.newFixedThreadPool(PIPELINES)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<TopicProvisioning>> asked = new ArrayList<>();
      for (List<TopicPlan> pipeline : plans) {
        asked.add(
            callers.submit(
                () -> {
                  start.await();
                  return batched.provision(pipeline);
                }));
      }
      start.countDown();
      for (Future<TopicProvisioning> answer : asked) {
        outcomes.add(answer.get(120, TimeUnit.SECONDS));
      }
      assertThat(batched.batches())
          .as("batches for %d pipelines asking at once", PIPELINES)
          .isBetween(2L, PIPELINES / 4L);
    }

    for (int i = 0; i < PIPELINES; i++) {
      TopicProvisioning outcome = outcomes.get(i);
      assertThat(outcome.succeeded()).as(outcome.failures()).isTrue();
      assertThat(outcome.topics())
          .extracting(TopicOutcome::topic, TopicOutcome::role)
          .containsExactly(
              tuple(plans.get(i).get(0)), tuple(plans.get(i).get(1)), tuple(plans.get(i).get(2)));
      assertThat(outcome.partitions())
          .containsExactly(
              Map.entry("btp.p" + i + ".in", 1 + i % 3),
              Map.entry("btp.shared", 4),
              Map.entry("btp.p" + i + ".out", 2));
    }
    Map<String, TopicDescription> described =
        admin
            .describeTopics(List.of("btp.shared", "btp.p59.in", "btp.p0.out"))
            .allTopicNames()
            .get();
    assertThat(described.get("btp.shared").partitions()).hasSize(4);
    assertThat(described.get("btp.p59.in").partitions()).hasSize(3);
    assertThat(described.get("btp.p0.out").partitions()).hasSize(2);
    assertThat(
            outcomes.stream()
                .map(o -> o.topics().get(1).result())
                .filter(r -> r == TopicOutcome.Result.CREATED)
                .count())
        .as("pipelines told they created the shared topic: only those of the batch that did")
        .isBetween(1L, PIPELINES - 1L);
  }

  @Test
  void aRequestWaitingWhenProvisioningStopsFailsInsteadOfHanging() throws Exception {
    BatchedTopicProvisioner batched = new BatchedTopicProvisioner(provisioner, 1, 10);
    batched.close();
    assertThatThrownBy(() -> batched.provision(List.of(plan("btp.closed", TopicRole.SINK, 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
    assertThat(admin.listTopics().names().get()).doesNotContain("btp.closed");
  }

  private static Tuple tuple(TopicPlan plan) {
    return Tuple.tuple(plan.name(), plan.role());
  }

  private static TopicPlan plan(String name, TopicRole role, int partitions) {
    return new TopicPlan(name, role, OptionalInt.of(partitions), Map.of());
  }
}
