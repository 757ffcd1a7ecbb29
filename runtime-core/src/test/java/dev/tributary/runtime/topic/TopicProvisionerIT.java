package dev.tributary.runtime.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicProvisionerIT {

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
  void missingTopicsAreCreatedWithThePlannedPartitionsAndConfigs() throws Exception {
    TopicProvisioning result =
        provisioner.provision(
            List.of(
                plan("tp.create-source", TopicRole.SOURCE, 3, Map.of()),
                plan("tp.create-table", TopicRole.TABLE, 0, Map.of("cleanup.policy", "compact")),
                plan(
                    "tp.create-dead-letter",
                    TopicRole.DEAD_LETTER,
                    0,
                    Map.of("retention.ms", "604800000"))));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.topics())
        .extracting(TopicOutcome::result)
        .containsOnly(TopicOutcome.Result.CREATED);
    assertThat(result.partitions())
        .containsExactly(
            Map.entry("tp.create-source", 3),
            Map.entry("tp.create-table", 2),
            Map.entry("tp.create-dead-letter", 2));
    assertThat(partitions("tp.create-source")).isEqualTo(3);
    assertThat(config("tp.create-table", "cleanup.policy")).isEqualTo("compact");
    assertThat(config("tp.create-dead-letter", "retention.ms")).isEqualTo("604800000");
  }

  @Test
  void aTopicWithFewerPartitionsThanPlannedGrowsAndOneWithMoreIsNotShrunk() throws Exception {
    admin
        .createTopics(
            List.of(new NewTopic("tp.grow", 1, (short) 1), new NewTopic("tp.shrink", 5, (short) 1)))
        .all()
        .get();

    TopicProvisioning result =
        provisioner.provision(
            List.of(
                plan("tp.grow", TopicRole.SOURCE, 3, Map.of()),
                plan("tp.shrink", TopicRole.SINK, 3, Map.of())));

    assertThat(result.topics())
        .extracting(TopicOutcome::result)
        .containsExactly(TopicOutcome.Result.UPDATED, TopicOutcome.Result.UNCHANGED);
    // Reported only once the new partitions have leaders: no waiting for the broker's metadata.
    assertThat(partitions("tp.grow")).isEqualTo(3);
    assertThat(partitions("tp.shrink")).isEqualTo(5);
    assertThat(result.topics().get(1).detail()).contains("never removed");
    assertThat(result.inputPartitions()).containsEntry("tp.grow", 3).doesNotContainKey("tp.shrink");
  }

  @Test
  void plannedConfigsAreAddedButATopicsOwnSettingIsKept() throws Exception {
    admin
        .createTopics(
            List.of(
                new NewTopic("tp.bare", 1, (short) 1),
                new NewTopic("tp.own", 1, (short) 1).configs(Map.of("retention.ms", "1000"))))
        .all()
        .get();

    TopicProvisioning result =
        provisioner.provision(
            List.of(
                plan("tp.bare", TopicRole.DEAD_LETTER, 0, Map.of("retention.ms", "604800000")),
                plan("tp.own", TopicRole.DEAD_LETTER, 0, Map.of("retention.ms", "604800000"))));

    assertThat(result.succeeded()).isTrue();
    assertThat(config("tp.bare", "retention.ms")).isEqualTo("604800000");
    assertThat(config("tp.own", "retention.ms")).isEqualTo("1000");
    assertThat(result.topics().get(1).detail()).contains("keeps its own retention.ms=1000");
  }

  @Test
  void aTableTopicThatIsNotCompactedIsReportedAndLeftAsItIs() throws Exception {
    admin
        .createTopics(
            List.of(
                new NewTopic("tp.table", 1, (short) 1).configs(Map.of("cleanup.policy", "delete"))))
        .all()
        .get();

    TopicProvisioning result =
        provisioner.provision(
            List.of(
                plan("tp.table", TopicRole.TABLE, 0, Map.of("cleanup.policy", "compact")),
                plan("tp.table-neighbour", TopicRole.SOURCE, 1, Map.of())));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.failures())
        .contains(
            "tp.table: exists with cleanup.policy=delete but the pipeline needs"
                + " cleanup.policy=compact");
    assertThat(config("tp.table", "cleanup.policy")).isEqualTo("delete");
    assertThat(result.topics().get(1).result())
        .as("the other topics are still provisioned")
        .isEqualTo(TopicOutcome.Result.CREATED);
  }

  private static TopicPlan plan(
      String name, TopicRole role, int partitions, Map<String, String> configs) {
    return new TopicPlan(
        name, role, partitions == 0 ? OptionalInt.empty() : OptionalInt.of(partitions), configs);
  }

  private static int partitions(String topic) throws ExecutionException, InterruptedException {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .size();
  }

  private static String config(String topic, String name)
      throws ExecutionException, InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get(name).value();
  }
}
