package dev.tributary.controlplane.deadletter;

import static org.hamcrest.Matchers.equalTo;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The control plane of the other tests: no deploy target, no Kafka configured. */
@QuarkusTest
class DeadLettersWithoutKafkaTest {

  @Test
  void withoutKafkaDeadLettersAreUnavailable() {
    Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);
    String name = "dl-" + UUID.randomUUID().toString().substring(0, 8);
    developer
        .putPipeline("payments", name, Documents.largePayments("payments", name, 100))
        .then()
        .statusCode(201);

    developer
        .request()
        .get(Api.pipelinePath("payments", name) + "/dead-letters")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", equalTo("https://tributary.dev/problems/kafka-unavailable"));
  }
}
