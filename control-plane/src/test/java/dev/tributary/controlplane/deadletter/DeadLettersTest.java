package dev.tributary.controlplane.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.controlplane.testing.KafkaReadsProfile;
import dev.tributary.controlplane.testing.KafkaReadsResource;
import dev.tributary.runtime.testing.TestTopics;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Dead letters read from a real broker, written the way the workers write them: transactionally,
 * with the step, error and source in headers.
 */
@QuarkusTest
@TestProfile(KafkaReadsProfile.class)
class DeadLettersTest {

  static final String TEAM = "payments";
  static final long T0 = 1_780_000_000_000L;

  final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Test
  void theLatestCommittedDeadLettersAreListedNewestFirstWithStepErrorAndSource() throws Exception {
    // Given a pipeline whose dead-letter topic, of two partitions, holds three committed records
    // and one of an aborted transaction
    String name = create();
    String topic = TEAM + "." + name + ".dead-letter";
    createTopic(topic, 2);
    try (KafkaProducer<byte[], byte[]> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(deadLetter(topic, 0, T0, "p-1", "{\"amount\":\"x\"}", 4));
      producer.send(deadLetter(topic, 1, T0 + 2_000, "p-3", "{\"amount\":\"z\"}", 6));
      producer.send(deadLetter(topic, 0, T0 + 1_000, "p-2", "{\"amount\":\"y\"}", 5));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(deadLetter(topic, 1, T0 + 3_000, "p-aborted", "{}", 7));
      producer.flush();
      producer.abortTransaction();
    }

    // When a developer of the team lists them (the commit's markers reach the partitions a moment
    // after commitTransaction returns; until then a read_committed reader sees none of them)
    JsonPath all =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> deadLetters(name, null), listed -> listed.getList("records").size() == 3);

    // Then the committed ones come, newest first, with what the worker wrote in the headers
    assertThat(all.getString("topic")).isEqualTo(topic);
    assertThat(all.getBoolean("complete")).isTrue();
    assertThat(all.getList("records.key", String.class)).containsExactly("p-3", "p-2", "p-1");
    assertThat(all.getString("records[0].step")).isEqualTo("large");
    assertThat(all.getString("records[0].error"))
        .isEqualTo("field 'amount' is not a double: {\"amount\":\"z\"}");
    assertThat(all.getString("records[0].source.topic")).isEqualTo("payments.payments");
    assertThat(all.getInt("records[0].source.partition")).isEqualTo(0);
    assertThat(all.getLong("records[0].source.offset")).isEqualTo(6);
    assertThat(all.getString("records[0].payload")).isEqualTo("{\"amount\":\"z\"}");
    assertThat(all.getInt("records[0].payloadBytes")).isEqualTo(14);
    assertThat(all.getBoolean("records[0].payloadTruncated")).isFalse();
    assertThat(all.getInt("records[0].partition")).isEqualTo(1);
    assertThat(all.getString("records[0].timestamp")).isEqualTo("2026-05-28T20:26:42Z");

    // and a limit keeps the newest
    assertThat(deadLetters(name, 2).getList("records.key", String.class))
        .containsExactly("p-3", "p-2");
  }

  @Test
  void aPipelineThatDeadLetteredNothingHasNone() {
    String name = create();

    JsonPath none = deadLetters(name, null);

    assertThat(none.getList("records")).isEmpty();
    assertThat(none.getBoolean("complete")).isTrue();
    assertThat(none.getString("topic")).isEqualTo(TEAM + "." + name + ".dead-letter");
  }

  @Test
  void anotherTeamsPipelineIsNotFound() {
    String name = create();

    Api.as(DemoUser.LOGISTICS_DEVELOPER)
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/dead-letters")
        .then()
        .statusCode(404)
        .body("type", equalTo("https://tributary.dev/problems/team-not-found"));
  }

  @Test
  void aLimitOutsideOneTo200IsAnInvalidRequest() {
    String name = create();

    for (int limit : new int[] {0, 201}) {
      developer
          .request()
          .queryParam("limit", limit)
          .get(Api.pipelinePath(TEAM, name) + "/dead-letters")
          .then()
          .statusCode(400)
          .body("type", equalTo("https://tributary.dev/problems/invalid-request"))
          .body("errors[0].path", equalTo("limit"));
    }
  }

  private String create() {
    String name = "dl-" + UUID.randomUUID().toString().substring(0, 8);
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100))
        .then()
        .statusCode(201);
    return name;
  }

  private JsonPath deadLetters(String name, Integer limit) {
    var request = developer.request();
    if (limit != null) {
      request.queryParam("limit", limit);
    }
    return request
        .get(Api.pipelinePath(TEAM, name) + "/dead-letters")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static ProducerRecord<byte[], byte[]> deadLetter(
      String topic, int partition, long timestamp, String key, String value, long sourceOffset) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.PIPELINE, utf8("any"));
    headers.add(DeadLetterHeaders.STEP, utf8("large"));
    headers.add(DeadLetterHeaders.ERROR, utf8("field 'amount' is not a double: " + value));
    headers.add(DeadLetterHeaders.TOPIC, utf8("payments.payments"));
    headers.add(DeadLetterHeaders.PARTITION, utf8("0"));
    headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(sourceOffset)));
    return new ProducerRecord<>(topic, partition, timestamp, utf8(key), utf8(value), headers);
  }

  private static KafkaProducer<byte[], byte[]> transactionalProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaReadsResource.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "dead-letters-test-" + UUID.randomUUID()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaReadsResource.bootstrapServers()))) {
      TestTopics.create(admin, Map.of(topic, partitions));
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
