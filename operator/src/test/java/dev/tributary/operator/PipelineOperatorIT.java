package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineAnnotations;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.pipeline.workers.WorkerAnnotations;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.runtime.testing.TestPipelines;
import dev.tributary.runtime.testing.TestTopics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator against fabric8's Kubernetes mock server and a real Kafka broker: what a {@code
 * Pipeline} resource becomes, in Kubernetes and in Kafka.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineOperatorIT {

  private static final String TEAM_NAMESPACE = "team-bank";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static KubernetesStandIn kubernetes;
  private static KubernetesClient client;
  private static TributaryOperator operator;
  private static PrometheusMeterRegistry metrics;
  private static Admin kafka;

  @BeforeAll
  static void start(KafkaBroker broker) {
    kubernetes = KubernetesStandIn.start();
    client = kubernetes.client();
    kubernetes.namespace(TEAM_NAMESPACE, Map.of(), Map.of());
    kubernetes.namespace("sandbox", Map.of(), Map.of());
    kafka = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    operator =
        TributaryOperator.create(
            client,
            withoutLagRounds(TestOperators.settings(broker.bootstrapServers())),
            metrics,
            Clock.systemUTC(),
            false);
    operator.start();
  }

  /**
   * Lag is PipelineStatusIT's subject; here a lag round's status write, at whatever moment it
   * comes, would be taken for a write of the reconciliation under test.
   */
  private static OperatorSettings withoutLagRounds(OperatorSettings base) {
    return new OperatorSettings(
        base.bootstrapServers(),
        base.worker(),
        base.defaultPartitions(),
        base.replicationFactor(),
        base.adminTimeout(),
        base.topicRecheck(),
        base.managementPort(),
        base.namespaces(),
        base.leaseNamespace(),
        base.identity(),
        Duration.ofHours(1),
        base.lagWindow());
  }

  @AfterAll
  static void stop() {
    operator.close();
    kafka.close();
    kubernetes.close();
  }

  @Test
  void aStatefulPipelineBecomesAStatefulSetWithItsTopicsAndRunsOnceItsPodsAreReady()
      throws Exception {
    apply("flow", TestPipelines.totals("flow", 3, 2));

    StatefulSet statefulSet = awaitResource(StatefulSet.class, "flow");
    PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
    Container worker = pod.getContainers().get(0);
    assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(2);
    assertThat(statefulSet.getSpec().getServiceName()).isEqualTo("flow");
    assertThat(statefulSet.getSpec().getVolumeClaimTemplates())
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(claim.getMetadata().getName()).isEqualTo("state");
              assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
              assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                  .isEqualTo("2Gi");
            });
    assertThat(worker.getImage()).isEqualTo("registry.example/tributary/worker:test");
    assertThat(env(worker))
        .containsEntry("TRIBUTARY_PIPELINE_FILE", "/etc/tributary/pipeline.yaml")
        .containsEntry("TRIBUTARY_TEAM", "bank")
        .containsEntry("TRIBUTARY_TOPIC_PREFIX", "bank.")
        .containsEntry("TRIBUTARY_STATE_DIR", "/var/lib/tributary")
        .containsEntry("KAFKA_SESSION_TIMEOUT_MS", "30000")
        .containsKey("KAFKA_BOOTSTRAP_SERVERS");
    assertThat(
            worker.getEnv().stream()
                .filter(e -> e.getName().equals("KAFKA_GROUP_INSTANCE_ID"))
                .map(e -> e.getValueFrom().getFieldRef().getFieldPath()))
        .as("static membership: the pod's name")
        .containsExactly("metadata.name");
    assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(worker.getStartupProbe()).isNotNull();
    assertThat(worker.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
    assertThat(worker.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
    assertThat(worker.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(worker.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(worker.getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactlyInAnyOrder("/etc/tributary", "/var/lib/tributary", "/tmp");
    assertThat(pod.getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("flow-pipeline"))
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("tmp");
              assertThat(v.getEmptyDir()).isNotNull();
            });
    assertThat(
            pod.getAffinity()
                .getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement()
        .satisfies(
            term ->
                assertThat(term.getPodAffinityTerm().getTopologyKey())
                    .isEqualTo("kubernetes.io/hostname"));

    ConfigMap document = awaitResource(ConfigMap.class, "flow-pipeline");
    assertThat(document.getData().get("pipeline.yaml"))
        .contains("name: flow")
        .contains("bank.flow-payments");
    Service service = awaitResource(Service.class, "flow");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
    PodDisruptionBudget budget = awaitResource(PodDisruptionBudget.class, "flow");
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    for (HasMetadata owned : List.of(statefulSet, document, service, budget)) {
      assertThat(owned.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              owner -> {
                assertThat(owner.getKind()).isEqualTo("Pipeline");
                assertThat(owner.getName()).isEqualTo("flow");
                assertThat(owner.getController()).isTrue();
              });
    }
    assertThat(client.apps().deployments().inNamespace(TEAM_NAMESPACE).withName("flow").get())
        .isNull();

    assertThat(partitions("bank.flow-payments")).isEqualTo(3);
    assertThat(partitions("bank.flow-totals")).isEqualTo(3);
    assertThat(partitions("bank.flow-copies")).as("unsized: the default").isEqualTo(1);
    assertThat(topics()).contains("bank.flow.dead-letter");
    PipelineStatus provisioning = awaitStatus("flow", s -> s.phase() == PipelinePhase.PROVISIONING);
    assertThat(condition(provisioning, Condition.READY).reason()).isEqualTo("WorkersNotReady");

    kubernetes.rolledOut(statefulSet);

    PipelineStatus running = awaitStatus("flow", s -> s.phase() == PipelinePhase.RUNNING);
    assertThat(condition(running, Condition.READY).status()).isEqualTo("True");
    assertThat(condition(running, Condition.VALID).reason()).isEqualTo("Validated");
    assertThat(condition(running, Condition.TOPICS_READY).reason()).isEqualTo("TopicsProvisioned");
    assertThat(running.observedGeneration()).isEqualTo(1L);
    assertThat(running.deployedRevision()).isEqualTo(1L);
    assertThat(running.readyReplicas()).isEqualTo(2);
    assertThat(running.selector())
        .isEqualTo("app.kubernetes.io/name=tributary-worker,app.kubernetes.io/instance=flow");
  }

  @Test
  void aPipelineWithoutStateRunsAsADeploymentWithoutStaticMembership() {
    apply("copier", copier("copier"));

    Deployment deployment = awaitResource(Deployment.class, "copier");
    Container worker = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(env(worker)).doesNotContainKey("KAFKA_GROUP_INSTANCE_ID");
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("state");
              assertThat(v.getEmptyDir()).isNotNull();
            });
    assertThat(client.apps().statefulSets().inNamespace(TEAM_NAMESPACE).withName("copier").get())
        .isNull();

    kubernetes.rolledOut(deployment);

    awaitStatus("copier", s -> s.phase() == PipelinePhase.RUNNING);
  }

  @Test
  void anInvalidPipelineGetsEveryErrorWithPathAndCodeAndNothingIsCreated() throws Exception {
    String document =
        TestPipelines.totals("broken", 1, 1)
            .replace("input: payments\n      filter", "input: paymnts\n      filter")
            .replace("topic: bank.broken-copies", "topic: payments.broken-copies");
    apply("broken", document);

    PipelineStatus status = awaitStatus("broken", s -> s.phase() == PipelinePhase.FAILED);
    Condition valid = condition(status, Condition.VALID);
    assertThat(valid.status()).isEqualTo("False");
    assertThat(valid.reason()).isEqualTo("ValidationFailed");
    assertThat(valid.message())
        .contains("spec.steps[1].input")
        .contains("spec.sinks[1].topic")
        .contains("[dangling-input]")
        .contains("[topic-outside-prefix]");
    assertThat(status.observedGeneration()).isEqualTo(1L);
    assertThat(client.configMaps().inNamespace(TEAM_NAMESPACE).withName("broken-pipeline").get())
        .isNull();
    assertThat(client.apps().statefulSets().inNamespace(TEAM_NAMESPACE).withName("broken").get())
        .isNull();
    assertThat(topics()).noneMatch(t -> t.startsWith("bank.broken"));
  }

  @Test
  void aTopicOutsideTheTeamsPrefixIsRefused() throws Exception {
    apply("outsider", copier("outsider").replace("bank.outsider-out", "payments.outsider-out"));

    PipelineStatus status = awaitStatus("outsider", s -> s.phase() == PipelinePhase.FAILED);
    assertThat(condition(status, Condition.VALID).message())
        .contains("spec.sinks[0].topic")
        .contains("topic-outside-prefix");
    assertThat(topics()).doesNotContain("payments.outsider-out", "bank.outsider-in");
  }

  @Test
  void aPipelineInANamespaceOfNoTeamRunsNothing() {
    create(Pipelines.resource("sandbox", "stray", copier("stray")));

    PipelineStatus status =
        await()
            .atMost(WAIT)
            .until(
                () -> status("sandbox", "stray"),
                s -> s != null && s.phase() == PipelinePhase.FAILED);
    assertThat(condition(status, Condition.VALID).reason()).isEqualTo("NoTeam");
    assertThat(client.apps().deployments().inNamespace("sandbox").withName("stray").get()).isNull();
  }

  @Test
  void reconcilingTheSameStateAgainWritesNothing() throws Exception {
    apply("steady", TestPipelines.totals("steady", 1, 1));
    kubernetes.rolledOut(awaitResource(StatefulSet.class, "steady"));
    awaitStatus("steady", s -> s.phase() == PipelinePhase.RUNNING);
    // The same state: the operator has settled — the Running phase's Event is written (Events go
    // out in order on a thread of their own, so every earlier one is too) and neither the
    // resource nor the count of reconciliations has moved for two seconds.
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.v1().events().inNamespace(TEAM_NAMESPACE).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "steady".equals(e.getInvolvedObject().getName())
                                && "Running".equals(e.getReason())));
    awaitSettled("steady");
    double before = reconciliations();
    kubernetes.forgetRequests();

    // A label is not part of the spec: the operator reconciles, and nothing it owns changes.
    edit(
        "steady",
        p -> {
          p.getMetadata().getLabels().put("owner", "someone");
          return p;
        });

    await().atMost(WAIT).until(() -> reconciliations() >= before + 1);
    assertThat(kubernetes.writes())
        .as("only the test's own edit")
        .singleElement()
        .satisfies(write -> assertThat(write).startsWith("PATCH").contains("/pipelines/steady"));
  }

  /** Waits until the pipeline's resource and the count of reconciliations stay as they are. */
  private static void awaitSettled(String name) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String seen = null;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      String now =
          client
                  .resources(PipelineResource.class)
                  .inNamespace(TEAM_NAMESPACE)
                  .withName(name)
                  .get()
                  .getMetadata()
                  .getResourceVersion()
              + "/"
              + reconciliations();
      if (!now.equals(seen)) {
        seen = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= Duration.ofSeconds(2).toNanos()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not settle within " + WAIT.toSeconds() + "s");
  }

  @Test
  void pausingScalesToZeroAndResumingScalesBack() {
    apply("pausable", TestPipelines.totals("pausable", 2, 2));
    kubernetes.rolledOut(awaitResource(StatefulSet.class, "pausable"));
    awaitStatus("pausable", s -> s.phase() == PipelinePhase.RUNNING);

    annotate("pausable", PipelineAnnotations.PAUSED, "true");

    await().atMost(WAIT).until(() -> statefulSet("pausable").getSpec().getReplicas() == 0);
    PipelineStatus paused = awaitStatus("pausable", s -> s.phase() == PipelinePhase.PAUSED);
    assertThat(condition(paused, Condition.READY).reason()).isEqualTo("Paused");

    annotate("pausable", PipelineAnnotations.PAUSED, null);

    await().atMost(WAIT).until(() -> statefulSet("pausable").getSpec().getReplicas() == 2);
    kubernetes.rolledOut(statefulSet("pausable"));
    awaitStatus("pausable", s -> s.phase() == PipelinePhase.RUNNING);
  }

  @Test
  void aSpecScaledToZeroRunsNoWorkerAndSaysSo() {
    apply("idle", TestPipelines.totals("idle", 1, 0, 1, "amount >= 0"));

    PipelineStatus idle = awaitStatus("idle", s -> s.phase() == PipelinePhase.PAUSED);
    assertThat(condition(idle, Condition.READY).reason()).isEqualTo("NoReplicas");
    assertThat(statefulSet("idle").getSpec().getReplicas()).isZero();
  }

  @Test
  void theRestartAnnotationRollsEveryPodThroughThePodTemplate() {
    apply("restartable", copier("restartable"));
    awaitResource(Deployment.class, "restartable");

    annotate("restartable", PipelineAnnotations.RESTARTED_AT, "2026-05-01T10:00:00Z");

    await()
        .atMost(WAIT)
        .until(
            () ->
                "2026-05-01T10:00:00Z"
                    .equals(
                        deployment("restartable")
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .get(PipelineAnnotations.RESTARTED_AT)));
    assertThat(deployment("restartable").getSpec().getStrategy().getType())
        .isEqualTo("RollingUpdate");
  }

  @Test
  void aChangedTopologyStopsEveryOldWorkerBeforeTheNewOnesStart() {
    String document = TestPipelines.totals("reshaped", 2, 2);
    apply("reshaped", document);
    StatefulSet first = awaitResource(StatefulSet.class, "reshaped");
    kubernetes.rolledOut(first);
    awaitStatus("reshaped", s -> s.phase() == PipelinePhase.RUNNING);
    String oldShape = first.getMetadata().getAnnotations().get(WorkerAnnotations.TOPOLOGY_SHAPE);

    // An aggregate added: the stored states are read forward, and the topology's shape changes.
    replaceSpec(
        "reshaped",
        document.replace(
            "sum: {fn: sum, of: amount}\n",
            "sum: {fn: sum, of: amount}\n          largest: {fn: max, of: amount}\n"));

    StatefulSet stopping =
        await()
            .atMost(WAIT)
            .until(() -> statefulSet("reshaped"), s -> s.getSpec().getReplicas() == 0);
    assertThat(stopping.getMetadata().getAnnotations().get(WorkerAnnotations.TOPOLOGY_SHAPE))
        .as("the old workers' template, scaled to zero")
        .isEqualTo(oldShape);
    assertThat(stopping.getSpec().getTemplate()).isEqualTo(first.getSpec().getTemplate());
    awaitStatus("reshaped", s -> "RollingUpdate".equals(condition(s, Condition.READY).reason()));

    kubernetes.rolledOut(stopping);

    StatefulSet recreated =
        await()
            .atMost(WAIT)
            .until(() -> statefulSet("reshaped"), s -> s.getSpec().getReplicas() == 2);
    assertThat(recreated.getMetadata().getAnnotations().get(WorkerAnnotations.TOPOLOGY_SHAPE))
        .isNotEqualTo(oldShape);
    assertThat(recreated.getSpec().getTemplate()).isNotEqualTo(first.getSpec().getTemplate());
    kubernetes.rolledOut(recreated);
    PipelineStatus running =
        awaitStatus(
            "reshaped", s -> s.phase() == PipelinePhase.RUNNING && s.deployedRevision() == 2L);
    assertThat(running.observedGeneration()).isEqualTo(2L);
  }

  @Test
  void aPipelineThatGainsStateMovesFromItsDeploymentToAStatefulSet() {
    apply("grower", copier("grower"));
    awaitResource(Deployment.class, "grower");

    replaceSpec(
        "grower",
        copier("grower")
            .replace(
                "fields: {account: string, amount: int}",
                "key: {field: account}\n      fields: {account: string, amount: int}")
            .replace(
                "  sinks:\n",
                """
                    - name: counts
                      input: payments
                      aggregate:
                        aggregates:
                          count: {fn: count}
                  sinks:
                    - {name: counts, input: counts, topic: bank.grower-counts}
                """));

    await().atMost(WAIT).until(() -> deployment("grower") == null);
    StatefulSet statefulSet = awaitResource(StatefulSet.class, "grower");
    assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void deletingRemovesTheGroupAndInternalTopicsButKeepsSourcesSinksAndDeadLetters()
      throws Exception {
    apply("doomed", TestPipelines.totals("doomed", 1, 1));
    awaitResource(StatefulSet.class, "doomed");
    awaitStatus("doomed", s -> s.phase() == PipelinePhase.PROVISIONING);
    // What running workers would have left: a changelog and the group's committed offsets.
    TestTopics.create(kafka, Map.of("bank.doomed-totals.store-changelog", 1));
    kafka
        .alterConsumerGroupOffsets(
            "bank.doomed",
            Map.of(new TopicPartition("bank.doomed-payments", 0), new OffsetAndMetadata(0)))
        .all()
        .get();

    client
        .resources(PipelineResource.class)
        .inNamespace(TEAM_NAMESPACE)
        .withName("doomed")
        .delete();

    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                client
                        .resources(PipelineResource.class)
                        .inNamespace(TEAM_NAMESPACE)
                        .withName("doomed")
                        .get()
                    == null);
    assertThat(topics())
        .contains(
            "bank.doomed-payments",
            "bank.doomed-totals",
            "bank.doomed-copies",
            "bank.doomed.dead-letter")
        .doesNotContain("bank.doomed-totals.store-changelog");
    assertThat(kafka.listGroups().all().get()).noneMatch(g -> g.groupId().equals("bank.doomed"));
  }

  @Test
  void theManagementEndpointsAnswerForProbesAndPrometheus() throws Exception {
    try (var management =
        dev.tributary.operator.management.ManagementServer.start(0, operator::ready, metrics)) {
      var http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + management.port();
      await().atMost(WAIT).until(() -> get(http, base + "/readyz").statusCode() == 200);
      assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
      var scrape = get(http, base + "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .contains("reconciliations_started_total")
          .contains("reconciliations_queue");
    }
  }

  // ---- helpers

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String uri)
      throws Exception {
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static String copier(String name) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: %1$s
        spec:
          sources:
            - name: payments
              topic: bank.%1$s-in
              fields: {account: string, amount: int}
          steps:
            - name: large
              input: payments
              filter: 'amount > 10'
          sinks:
            - {name: out, input: large, topic: bank.%1$s-out}
        """
        .formatted(name);
  }

  private static void apply(String name, String document) {
    create(Pipelines.resource(TEAM_NAMESPACE, name, document));
  }

  private static void create(PipelineResource resource) {
    client.resource(resource).create();
  }

  private static void replaceSpec(String name, String document) {
    edit(
        name,
        p -> {
          p.setSpec(Pipelines.spec(document));
          return p;
        });
  }

  private static void annotate(String name, String key, String value) {
    edit(
        name,
        p -> {
          if (value == null) {
            p.getMetadata().getAnnotations().remove(key);
          } else {
            p.getMetadata().getAnnotations().put(key, value);
          }
          return p;
        });
  }

  /** Edits as a person would: again on the latest version when the operator wrote meanwhile. */
  private static void edit(String name, UnaryOperator<PipelineResource> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .resources(PipelineResource.class)
            .inNamespace(TEAM_NAMESPACE)
            .withName(name)
            .edit(change);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static <R extends HasMetadata> R awaitResource(Class<R> type, String name) {
    return await()
        .atMost(WAIT)
        .until(
            () -> client.resources(type).inNamespace(TEAM_NAMESPACE).withName(name).get(),
            r -> r != null);
  }

  private static StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(TEAM_NAMESPACE).withName(name).get();
  }

  private static Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(TEAM_NAMESPACE).withName(name).get();
  }

  private static PipelineStatus status(String namespace, String name) {
    PipelineResource resource =
        client.resources(PipelineResource.class).inNamespace(namespace).withName(name).get();
    return resource == null ? null : resource.getStatus();
  }

  private static PipelineStatus awaitStatus(String name, Predicate<PipelineStatus> expected) {
    return await()
        .atMost(WAIT)
        .until(() -> status(TEAM_NAMESPACE, name), s -> s != null && expected.test(s));
  }

  private static Condition condition(PipelineStatus status, String type) {
    return status.conditions().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + status));
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  private static int partitions(String topic) throws Exception {
    TopicDescription description =
        kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    return description.partitions().size();
  }

  private static Set<String> topics() throws Exception {
    return kafka.listTopics().names().get();
  }

  /** Reconciliations done to the end, the status written if it changed. */
  private static double reconciliations() {
    return Optional.ofNullable(metrics.find(MicrometerMetricsV2.RECONCILIATIONS_SUCCESS).counter())
        .map(c -> c.count())
        .orElse(0.0);
  }
}
