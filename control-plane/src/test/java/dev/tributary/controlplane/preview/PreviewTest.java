package dev.tributary.controlplane.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.controlplane.testing.KafkaReadsProfile;
import dev.tributary.controlplane.testing.KafkaReadsResource;
import dev.tributary.runtime.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Previews against a real broker: the latest records of a pipeline's topics run through its
 * compiled topology, with nothing written back.
 */
@QuarkusTest
@TestProfile(KafkaReadsProfile.class)
class PreviewTest {

  static final String TEAM = "payments";
  static final long T0 = 1_780_000_000_000L;

  final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Test
  void theLatestRecordsRunThroughTheTopologyTablesFirstAndNothingIsWritten() throws Exception {
    // Given customers written after the payments, and five payments, the oldest of which is
    // beyond the four records asked for, and one of which is not JSON
    String name = "pv-" + UUID.randomUUID().toString().substring(0, 8);
    String payments = TEAM + "." + name + "-payments";
    String customers = TEAM + "." + name + "-customers";
    createTopics(payments, customers);
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(payments, 0, T0, "c1", payment("p0", "c1", 999)));
      producer.send(new ProducerRecord<>(payments, 0, T0 + 1, "c1", payment("p1", "c1", 150)));
      producer.send(new ProducerRecord<>(payments, 0, T0 + 2, "c1", payment("p2", "c1", 50)));
      producer.send(new ProducerRecord<>(payments, 0, T0 + 3, "c2", "{\"paymentId\": oops"));
      producer.send(new ProducerRecord<>(payments, 0, T0 + 4, "c2", payment("p4", "c2", 300)));
      producer.send(
          new ProducerRecord<>(
              customers, 0, T0 + 10_000, "c1", "{\"customerId\":\"c1\",\"region\":\"eu\"}"));
      producer.send(
          new ProducerRecord<>(
              customers, 0, T0 + 10_000, "c2", "{\"customerId\":\"c2\",\"region\":\"na\"}"));
      producer.flush();
    }

    // When the pipeline is previewed on the latest four records of each topic
    JsonPath preview =
        developer
            .request()
            .contentType("application/yaml")
            .queryParam("records", 4)
            .body(enriching(name).getBytes(StandardCharsets.UTF_8))
            .post(Api.BASE + "/teams/" + TEAM + "/pipelines/preview")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    // Then the large payments come out joined with the customers fed before them
    assertThat(preview.getBoolean("complete")).isTrue();
    assertThat(preview.getInt("recordsPerTopic")).isEqualTo(4);
    assertThat(preview.getList("inputs.topic", String.class)).containsExactly(customers, payments);
    assertThat(preview.getList("inputs.kind", String.class)).containsExactly("table", "source");
    assertThat(preview.getList("inputs.records", Integer.class)).containsExactly(2, 4);
    assertThat(preview.getString("sinks[0].name")).isEqualTo("out");
    assertThat(preview.getList("sinks[0].records.value", String.class))
        .containsExactly(
            "{\"paymentId\":\"p1\",\"amount\":150.0,\"region\":\"eu\"}",
            "{\"paymentId\":\"p4\",\"amount\":300.0,\"region\":\"na\"}");
    assertThat(preview.getList("sinks[0].records.key", String.class)).containsExactly("c1", "c2");

    // and the record that is not JSON would be dead-lettered, named by its offset in the topic
    assertThat(preview.getList("deadLetters")).hasSize(1);
    assertThat(preview.getString("deadLetters[0].step")).isEqualTo("payments");
    assertThat(preview.getString("deadLetters[0].error")).startsWith("the value is not valid JSON");
    assertThat(preview.getString("deadLetters[0].source.topic")).isEqualTo(payments);
    assertThat(preview.getInt("deadLetters[0].source.partition")).isZero();
    assertThat(preview.getLong("deadLetters[0].source.offset")).isEqualTo(3);
    assertThat(preview.getString("deadLetters[0].record.value")).isEqualTo("{\"paymentId\": oops");

    // and nothing was created or joined on the cluster
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get())
          .doesNotContain(TEAM + "." + name + "-out", TEAM + "." + name + ".dead-letter")
          .noneMatch(
              topic -> topic.startsWith(TEAM + "." + name + "-") && topic.contains("-repartition"));
      assertThat(admin.listGroups().all().get()).isEmpty();
    }
  }

  @Test
  void topicsThatDoNotExistGiveAnEmptyPreview() {
    String name = "pv-" + UUID.randomUUID().toString().substring(0, 8);

    developer
        .request()
        .contentType("application/json")
        .body(Documents.largePayments(TEAM, name, 100))
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/preview")
        .then()
        .statusCode(200)
        .body("inputs[0].exists", equalTo(false))
        .body("inputs[0].records", equalTo(0))
        .body("sinks[0].records", hasSize(0))
        .body("deadLetters", hasSize(0));
  }

  @Test
  void anInvalidDocumentGetsTheErrorsOfCreate() {
    developer
        .request()
        .contentType("application/json")
        .body(Documents.withTwoErrors(TEAM, "broken"))
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/preview")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://tributary.dev/problems/invalid-pipeline"))
        .body("errors", hasSize(2));
  }

  @Test
  void anotherTeamCannotPreviewInThisTeam() {
    Api.as(DemoUser.LOGISTICS_DEVELOPER)
        .request()
        .contentType("application/json")
        .body(Documents.largePayments(TEAM, "elsewhere", 100))
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/preview")
        .then()
        .statusCode(404);
  }

  @Test
  void aRecordCountOutsideOneTo1000IsAnInvalidRequest() {
    developer
        .request()
        .contentType("application/json")
        .queryParam("records", 1001)
        .body(Documents.largePayments(TEAM, "too-many", 100))
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/preview")
        .then()
        .statusCode(400)
        .body("errors[0].path", equalTo("records"));
  }

  private static String enriching(String name) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata: {name: %1$s}
        spec:
          sources:
            - name: payments
              topic: payments.%1$s-payments
              key: {field: customerId}
              fields: {paymentId: string, customerId: string, amount: double}
          tables:
            - name: customers
              topic: payments.%1$s-customers
              key: {field: customerId}
              fields: {customerId: string, region: string}
          steps:
            - {name: large, input: payments, filter: "amount >= 100.0"}
            - name: enriched
              input: large
              join:
                with: customers
                key: customerId
                select: {paymentId: paymentId, amount: amount, region: region}
          sinks:
            - {name: out, input: enriched, topic: payments.%1$s-out}
        """
        .formatted(name);
  }

  private static String payment(String id, String customer, double amount) {
    return "{\"paymentId\":\"%s\",\"customerId\":\"%s\",\"amount\":%s}"
        .formatted(id, customer, amount);
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", KafkaReadsResource.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaReadsResource.bootstrapServers()));
  }

  private static void createTopics(String... topics) throws Exception {
    try (Admin admin = admin()) {
      TestTopics.create(
          admin, List.of(topics).stream().map(topic -> new NewTopic(topic, 1, (short) 1)).toList());
    }
  }
}
