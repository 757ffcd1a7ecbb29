package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.operator.pipeline.PipelineAnnotations;
import dev.tributary.operator.pipeline.PipelineKafkaCredentials;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.testing.KubeletStandIn;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestPipelines;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator against a cluster that authenticates every client, as an external cluster whose
 * admin credential comes from a Secret: each pipeline's pods run with a Kafka user of their own
 * from a Secret owned by the Pipeline, the rotation annotation rolls them onto the next user and
 * removes the previous one, and deleting the Pipeline leaves no user behind.
 */
class SecuredPipelineOperatorIT {

  private static final String NAMESPACE = "team-bank";
  private static final Duration WAIT = Duration.ofMinutes(3);

  private static KafkaBroker broker;
  private static Admin admin;
  private static KafkaAccess access;

  @TempDir static Path pods;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.builder().secured().start();
    admin = Admin.create(broker.adminClientProperties());
    access = new KafkaAccess(admin, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void podsRunWithTheirPipelinesOwnUserWhichRotatesAndIsRemovedWithThePipeline() throws Exception {
    KafkaConnection platform =
        KafkaConnection.of(broker.bootstrapServers(), broker.adminPropertiesFile());
    try (KubernetesStandIn kubernetes = KubernetesStandIn.start();
        TributaryOperator operator =
            TributaryOperator.create(
                kubernetes.client(),
                TestOperators.settings(broker.bootstrapServers())
                    .withKafkaSettings(platform.settings()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC(),
                false);
        KubeletStandIn kubelet =
            KubeletStandIn.start(
                kubernetes.client(), Path.of(System.getProperty("tributary.worker.jar")), pods)) {
      KubernetesClient client = kubernetes.client();
      kubernetes.namespace(NAMESPACE, Map.of(), Map.of());
      // The test's settings pass a session timeout to the pods; nothing of the admin identity.
      operator.start();
      client
          .resource(Pipelines.resource(NAMESPACE, "vault", TestPipelines.totals("vault", 2, 1)))
          .create();

      await().atMost(WAIT).until(() -> ready(client));
      String first = clientProperties(client);
      assertThat(first)
          .contains("username=\"pipeline.bank.vault.1\"")
          .doesNotContain("tributary-admin");
      assertThat(access.users()).contains("pipeline.bank.vault.1");
      StatefulSet workers =
          client.apps().statefulSets().inNamespace(NAMESPACE).withName("vault").get();
      assertThat(workers.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
          .anyMatch(e -> e.getName().equals("TRIBUTARY_KAFKA_CLIENT_PROPERTIES"))
          .noneMatch(e -> e.getValue() != null && e.getValue().contains("tributary-admin"));

      // The workers process records with nothing but their own credential.
      try (CheckedProducer producer = new CheckedProducer(broker.adminClientProperties())) {
        for (int i = 0; i < 100; i++) {
          producer.send(
              "bank.vault-payments",
              "acct-" + i % 5,
              "{\"account\":\"acct-" + i % 5 + "\",\"seq\":" + i + ",\"amount\":1}");
        }
        producer.flush();
      }
      await().atMost(WAIT).until(() -> committed("vault", "bank.vault-payments") == 100);

      // Rotation: the next user, the pods rolled onto it, the previous user removed.
      client
          .resources(PipelineResource.class)
          .inNamespace(NAMESPACE)
          .withName("vault")
          .edit(
              p -> {
                p.getMetadata()
                    .getAnnotations()
                    .put(PipelineAnnotations.ROTATE_KAFKA_CREDENTIAL, "2026-12-06T07:30:00Z");
                return p;
              });
      await()
          .atMost(WAIT)
          .until(
              () ->
                  clientProperties(client).contains("username=\"pipeline.bank.vault.2\"")
                      && !access.users().contains("pipeline.bank.vault.1"));
      assertThat(access.acls("User:pipeline.bank.vault.1")).isEmpty();
      await().atMost(WAIT).until(() -> ready(client));
      try (CheckedProducer producer = new CheckedProducer(broker.adminClientProperties())) {
        for (int i = 100; i < 150; i++) {
          producer.send(
              "bank.vault-payments",
              "acct-" + i % 5,
              "{\"account\":\"acct-" + i % 5 + "\",\"seq\":" + i + ",\"amount\":1}");
        }
        producer.flush();
      }
      await().atMost(WAIT).until(() -> committed("vault", "bank.vault-payments") == 150);

      // Deletion removes every generation's user and ACLs.
      client.resources(PipelineResource.class).inNamespace(NAMESPACE).withName("vault").delete();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  client
                          .resources(PipelineResource.class)
                          .inNamespace(NAMESPACE)
                          .withName("vault")
                          .get()
                      == null);
      assertThat(access.users()).noneMatch(user -> user.startsWith("pipeline.bank.vault."));
      assertThat(access.acls("User:pipeline.bank.vault.2")).isEmpty();
    }
  }

  private static boolean ready(KubernetesClient client) {
    PipelineResource resource =
        client.resources(PipelineResource.class).inNamespace(NAMESPACE).withName("vault").get();
    return resource != null
        && resource.getStatus() != null
        && resource.getStatus().conditions().stream()
            .anyMatch(c -> c.type().equals(Condition.READY) && c.status().equals("True"));
  }

  private static String clientProperties(KubernetesClient client) {
    Secret secret =
        client
            .secrets()
            .inNamespace(NAMESPACE)
            .withName(PipelineKafkaCredentials.secretName("vault"))
            .get();
    return new String(
        Base64.getDecoder().decode(secret.getData().get(PipelineKafkaCredentials.SECRET_KEY)),
        StandardCharsets.UTF_8);
  }

  /** The records of the topic the pipeline's group has committed, over all partitions. */
  private static long committed(String group, String topic) throws Exception {
    return admin
        .listConsumerGroupOffsets("bank." + group)
        .partitionsToOffsetAndMetadata()
        .get()
        .entrySet()
        .stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }
}
