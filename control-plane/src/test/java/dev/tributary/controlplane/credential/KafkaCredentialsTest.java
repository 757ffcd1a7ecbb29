package dev.tributary.controlplane.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.KafkaResource;
import dev.tributary.controlplane.testing.LocalTargetProfile;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.testing.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team's Kafka credentials through the API, on a broker that authenticates and authorizes: team
 * admins create, list, rotate, retire and delete them; the secret is shown once; a credential
 * reaches its team's topics and no other team's; nothing of it is left in Kafka once deleted.
 */
@QuarkusTest
@TestProfile(LocalTargetProfile.class)
class KafkaCredentialsTest {

  private static final String PATH = "/api/v1/teams/payments/kafka-credentials";

  private final Api admin = Api.as(DemoUser.PAYMENTS_ADMIN);

  @BeforeAll
  static void topics() throws Exception {
    try (Admin kafka = Admin.create(KafkaResource.broker().adminClientProperties())) {
      TestTopics.create(kafka, Map.of("payments.checkout-orders", 1, "logistics.shipments", 1));
    }
  }

  @Test
  void aTeamAdminManagesCredentialsThatReachTheTeamsTopicsOnly() throws Exception {
    JsonPath created =
        admin
            .request()
            .contentType("application/json")
            .body("{\"name\":\"checkout\"}")
            .post(PATH)
            .then()
            .statusCode(201)
            .header("Cache-Control", containsString("no-store"))
            .header("Location", containsString("/kafka-credentials/checkout"))
            .body("credential.username", equalTo("team.payments.checkout.1"))
            .body("credential.topicPrefix", equalTo("payments."))
            .body("saslMechanism", equalTo("SCRAM-SHA-512"))
            .body("securityProtocol", equalTo("SASL_PLAINTEXT"))
            .extract()
            .jsonPath();
    Map<String, Object> first = client(created.getString("clientProperties"));
    assertThat(created.getString("password")).hasSizeGreaterThan(30);
    assertThat(created.getString("clientProperties")).contains(created.getString("password"));

    // Listing never shows the secret.
    admin
        .request()
        .get(PATH)
        .then()
        .statusCode(200)
        .body("find { it.name == 'checkout' }.password", nullValue())
        .body("find { it.name == 'checkout' }.previousUsername", nullValue());

    // The credential writes the team's topics; another team's are refused as unauthorized.
    send(first, "payments.checkout-orders");
    assertThat(refusal(first, "logistics.shipments"))
        .isInstanceOf(TopicAuthorizationException.class);

    // Rotation: a new user and secret; the previous one works until it is retired.
    JsonPath rotated =
        admin
            .request()
            .post(PATH + "/checkout/rotate")
            .then()
            .statusCode(200)
            .body("credential.username", equalTo("team.payments.checkout.2"))
            .body("credential.previousUsername", equalTo("team.payments.checkout.1"))
            .extract()
            .jsonPath();
    Map<String, Object> second = client(rotated.getString("clientProperties"));
    assertThat(rotated.getString("password")).isNotEqualTo(created.getString("password"));
    send(first, "payments.checkout-orders");
    send(second, "payments.checkout-orders");
    admin
        .request()
        .post(PATH + "/checkout/retire-previous")
        .then()
        .statusCode(200)
        .body("previousUsername", nullValue());
    assertThat(refusal(first, "payments.checkout-orders"))
        .isInstanceOf(SaslAuthenticationException.class);
    send(second, "payments.checkout-orders");
    admin
        .request()
        .post(PATH + "/checkout/retire-previous")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    // Deleting it leaves no user and no ACL in Kafka.
    admin.request().delete(PATH + "/checkout").then().statusCode(204);
    try (Admin kafka = Admin.create(KafkaResource.broker().adminClientProperties())) {
      KafkaAccess access = new KafkaAccess(kafka, Duration.ofSeconds(30));
      assertThat(access.users()).noneMatch(user -> user.startsWith("team.payments.checkout."));
      assertThat(access.acls("User:team.payments.checkout.1")).isEmpty();
      assertThat(access.acls("User:team.payments.checkout.2")).isEmpty();
    }
    assertThat(refusal(second, "payments.checkout-orders"))
        .isInstanceOf(SaslAuthenticationException.class);
    admin.request().get(PATH + "/checkout").then().statusCode(404);
  }

  @Test
  void onlyTeamAdminsSeeCredentialsAndBadRequestsGetProblems() {
    Api.as(DemoUser.PAYMENTS_DEVELOPER)
        .request()
        .get(PATH)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    Api.as(DemoUser.PAYMENTS_DEVELOPER)
        .request()
        .contentType("application/json")
        .body("{\"name\":\"sneaky\"}")
        .post(PATH)
        .then()
        .statusCode(403);
    // Another team's admin does not learn that the team exists.
    Api.as(DemoUser.LOGISTICS_ADMIN).request().get(PATH).then().statusCode(404);
    Api.as(DemoUser.PLATFORM_VIEWER).request().get(PATH).then().statusCode(403);

    admin
        .request()
        .contentType("application/json")
        .body("{\"name\":\"Bad Name\"}")
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    admin
        .request()
        .contentType("application/json")
        .body("{\"name\":\"reports\"}")
        .post(PATH)
        .then()
        .statusCode(201);
    admin
        .request()
        .contentType("application/json")
        .body("{\"name\":\"reports\"}")
        .post(PATH)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    admin.request().post(PATH + "/nothing/rotate").then().statusCode(404);
    admin.request().delete(PATH + "/reports").then().statusCode(204);
  }

  @Test
  void rotatingAPipelineThatDoesNotExistIsNotFound() {
    Api.as(DemoUser.PAYMENTS_DEVELOPER)
        .request()
        .post(Api.pipelinePath("payments", "absent") + "/kafka-credentials/rotate")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static Map<String, Object> client(String propertiesText) throws Exception {
    Properties properties = new Properties();
    properties.load(new StringReader(propertiesText));
    Map<String, Object> client = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> client.put(name, properties.get(name)));
    client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    client.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    client.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    return client;
  }

  private static void send(Map<String, Object> client, String topic) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
    }
  }

  /** The cause a send fails with, which must come well before the client's timeouts. */
  private static Throwable refusal(Map<String, Object> client, String topic) {
    long started = System.nanoTime();
    Throwable thrown;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
      thrown = catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get());
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    return thrown instanceof ExecutionException ? thrown.getCause() : thrown;
  }
}
