package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.testing.KubernetesStandIn;
import dev.tributary.operator.testing.OperatorKillSwitch;
import dev.tributary.operator.testing.Pipelines;
import dev.tributary.operator.testing.TestOperators;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.runtime.testing.TestPipelines;
import dev.tributary.runtime.testing.TestTopics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator killed at 20 points chosen by a seeded random — at its n-th write to the API server,
 * with or without that write arriving, or while idle — during creates, updates, scales and deletes
 * of pipelines, and started again each time. Once a last operator has run undisturbed, everything
 * has converged: every pipeline that exists has exactly its workload, ConfigMap, Service and
 * PodDisruptionBudget, owned by it, at its generation and replicas; every deleted one is gone with
 * its finalizer, its consumer group and its internal topics; nothing the operator made lacks an
 * owner.
 *
 * <p>The seed is printed; {@code -Dtributary.kill.seed=N} runs the same points again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OperatorKillIT {

  private static final String NAMESPACE = "team-bank";
  private static final int KILLS = 20;

  /** What the test asked for of one pipeline. */
  private static final class Wanted {
    final boolean stateful;
    int replicas = 1;
    int threshold;
    boolean deleted;
    boolean workersRan;

    Wanted(boolean stateful) {
      this.stateful = stateful;
    }

    String document(String name) {
      return stateful
          ? TestPipelines.totals(name, 2, replicas, replicas, "amount >= " + threshold)
          : stateless(name, replicas, threshold);
    }
  }

  @Test
  void killedAtRandomPointsTheOperatorConvergesWithNothingLeakedOrDuplicated(KafkaBroker broker)
      throws Exception {
    long seed = Long.getLong("tributary.kill.seed", System.nanoTime());
    System.out.println("OperatorKillIT seed: " + seed + " (-Dtributary.kill.seed=" + seed + ")");
    Random random = new Random(seed);
    Map<String, Wanted> wanted = new TreeMap<>();
    List<String> log = new ArrayList<>();
    ScheduledExecutorService controllers =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    try (KubernetesStandIn kubernetes = KubernetesStandIn.start();
        Admin kafka = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      KubernetesClient client = kubernetes.client();
      kubernetes.namespace(NAMESPACE, Map.of(), Map.of());
      controllers.scheduleWithFixedDelay(
          () -> rollOutAll(kubernetes), 0, 100, TimeUnit.MILLISECONDS);

      for (int kill = 0; kill < KILLS; kill++) {
        int killAt = 1 + random.nextInt(8);
        boolean arrives = random.nextBoolean();
        OperatorKillSwitch killSwitch = new OperatorKillSwitch(killAt, arrives);
        KubernetesClient operatorClient =
            kubernetes.newClient(http -> http.addOrReplaceInterceptor("kill", killSwitch));
        // Closed even when a step fails: a killed operator left running would lose its informers,
        // and the operator SDK ends the JVM when an informer stops.
        try (operatorClient;
            TributaryOperator operator = start(operatorClient, broker)) {
          String step = change(random, wanted, client, kafka);
          boolean atWrite = killSwitch.died(1500 + random.nextInt(1500));
          killSwitch.kill();
          log.add(
              step
                  + (atWrite
                      ? " - killed at write " + killAt + (arrives ? " (arrived)" : " (lost)")
                      : " - killed idle"));
        }
      }
      System.out.println(
          "OperatorKillIT steps (seed " + seed + "):\n  " + String.join("\n  ", log));

      try (TributaryOperator last = start(client, broker)) {
        // What counts is the state the last operator converges to. A killed operator's threads may
        // still end a reconciliation after it stopped (the operator SDK then fails to schedule its
        // retry on the stopped timer, in that thread): a process killed there would not have run
        // on, so such exceptions do not fail the wait.
        await()
            .atMost(Duration.ofMinutes(2))
            .dontCatchUncaughtExceptions()
            .untilAsserted(
                () -> {
                  workersOfMadeWorkloadsRan(client, kafka, wanted);
                  assertConverged(client, kafka, wanted, seed);
                });
      }
    } finally {
      controllers.shutdownNow();
    }
  }

  /** One change, chosen by the random: create, update, scale or delete. */
  private static String change(
      Random random, Map<String, Wanted> wanted, KubernetesClient client, Admin kafka)
      throws Exception {
    workersOfMadeWorkloadsRan(client, kafka, wanted);
    List<String> alive =
        wanted.entrySet().stream()
            .filter(e -> !e.getValue().deleted)
            .map(Map.Entry::getKey)
            .toList();
    int kind = alive.isEmpty() ? 0 : random.nextInt(4);
    if (kind == 0 || alive.size() < 2 && kind == 3) {
      String name = "p" + wanted.size();
      Wanted pipeline = new Wanted(random.nextBoolean());
      wanted.put(name, pipeline);
      client.resource(Pipelines.resource(NAMESPACE, name, pipeline.document(name))).create();
      return "create " + name + (pipeline.stateful ? " (stateful)" : " (stateless)");
    }
    String name = alive.get(random.nextInt(alive.size()));
    Wanted pipeline = wanted.get(name);
    switch (kind) {
      case 1 -> {
        pipeline.threshold++;
        replaceSpec(client, name, pipeline.document(name));
        return "update " + name + " to threshold " + pipeline.threshold;
      }
      case 2 -> {
        pipeline.replicas = pipeline.replicas == 1 ? 2 : 1;
        client
            .resources(PipelineResource.class)
            .inNamespace(NAMESPACE)
            .withName(name)
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"runtime\":{\"replicas\":{\"min\":"
                    + pipeline.replicas
                    + ",\"max\":"
                    + pipeline.replicas
                    + "}}}}");
        return "scale " + name + " to " + pipeline.replicas;
      }
      default -> {
        pipeline.deleted = true;
        client.resources(PipelineResource.class).inNamespace(NAMESPACE).withName(name).delete();
        return "delete " + name;
      }
    }
  }

  private static void assertConverged(
      KubernetesClient client, Admin kafka, Map<String, Wanted> wanted, long seed)
      throws Exception {
    String context = "seed " + seed;
    Map<String, PipelineResource> pipelines =
        client.resources(PipelineResource.class).inNamespace(NAMESPACE).list().getItems().stream()
            .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
    assertThat(pipelines.keySet())
        .as(context + ": pipelines left")
        .containsExactlyInAnyOrderElementsOf(
            wanted.entrySet().stream()
                .filter(e -> !e.getValue().deleted)
                .map(Map.Entry::getKey)
                .toList());
    Set<String> uids =
        pipelines.values().stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    List<HasMetadata> made = new ArrayList<>();
    made.addAll(client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems());
    made.addAll(client.apps().deployments().inNamespace(NAMESPACE).list().getItems());
    made.addAll(client.configMaps().inNamespace(NAMESPACE).list().getItems());
    made.addAll(client.services().inNamespace(NAMESPACE).list().getItems());
    made.addAll(
        client
            .resources(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class)
            .inNamespace(NAMESPACE)
            .list()
            .getItems());
    for (HasMetadata object : made) {
      List<OwnerReference> controllers =
          object.getMetadata().getOwnerReferences().stream()
              .filter(o -> Boolean.TRUE.equals(o.getController()))
              .toList();
      assertThat(controllers)
          .as(
              context
                  + ": "
                  + object.getKind()
                  + " "
                  + object.getMetadata().getName()
                  + " has one owner")
          .hasSize(1);
    }
    // Kubernetes' garbage collector removes what a deleted pipeline owned; the mock server has
    // none,
    // so only what a living pipeline owns is counted.
    List<HasMetadata> owned =
        made.stream()
            .filter(o -> uids.contains(o.getMetadata().getOwnerReferences().get(0).getUid()))
            .toList();
    for (Map.Entry<String, PipelineResource> entry : pipelines.entrySet()) {
      String name = entry.getKey();
      Wanted pipeline = wanted.get(name);
      PipelineStatus status = entry.getValue().getStatus();
      assertThat(status).as(context + ": status of " + name).isNotNull();
      assertThat(status.observedGeneration())
          .as(context + ": " + name + " observed its generation")
          .isEqualTo(entry.getValue().getMetadata().getGeneration());
      assertThat(status.phase())
          .as(context + ": phase of " + name)
          .isEqualTo(PipelinePhase.RUNNING);
      List<String> kinds =
          owned.stream()
              .filter(o -> o.getMetadata().getOwnerReferences().get(0).getName().equals(name))
              .map(o -> o.getKind() + "/" + o.getMetadata().getName())
              .sorted()
              .toList();
      assertThat(kinds)
          .as(context + ": what " + name + " owns")
          .containsExactlyInAnyOrder(
              "ConfigMap/" + name + "-pipeline",
              (pipeline.stateful ? "StatefulSet/" : "Deployment/") + name,
              "PodDisruptionBudget/" + name,
              "Service/" + name);
      HasMetadata workload = workload(client, name, pipeline);
      int replicas =
          workload instanceof StatefulSet s
              ? s.getSpec().getReplicas()
              : ((Deployment) workload).getSpec().getReplicas();
      assertThat(replicas).as(context + ": replicas of " + name).isEqualTo(pipeline.replicas);
    }
    Set<String> groups =
        kafka.listGroups().all().get().stream().map(g -> g.groupId()).collect(Collectors.toSet());
    Set<String> topics = kafka.listTopics().names().get();
    for (Map.Entry<String, Wanted> entry : wanted.entrySet()) {
      String applicationId = "bank." + entry.getKey();
      if (entry.getValue().deleted) {
        assertThat(groups)
            .as(context + ": group of deleted " + entry.getKey())
            .doesNotContain(applicationId);
        assertThat(topics)
            .as(context + ": internal topics of deleted " + entry.getKey())
            .doesNotContain(internalTopic(entry.getKey()));
      } else {
        assertThat(topics)
            .as(context + ": internal topic of " + entry.getKey())
            .contains(internalTopic(entry.getKey()));
      }
    }
  }

  /**
   * Workers start once the operator has made a pipeline's workload, which it does only after adding
   * its finalizer: from then on the pipeline's group and internal topic exist, and deleting the
   * pipeline must remove them. A pipeline deleted before any operator took it up (its finalizer
   * write lost when the operator was killed) never had workers, and leaves nothing in Kafka.
   */
  private static void workersOfMadeWorkloadsRan(
      KubernetesClient client, Admin kafka, Map<String, Wanted> wanted) throws Exception {
    for (Map.Entry<String, Wanted> entry : wanted.entrySet()) {
      Wanted pipeline = entry.getValue();
      String name = entry.getKey();
      if (pipeline.deleted || pipeline.workersRan) {
        continue;
      }
      if (workload(client, name, pipeline) != null) {
        workersRan(kafka, name);
        pipeline.workersRan = true;
      }
    }
  }

  /** The pipeline's StatefulSet or Deployment, null when the operator has not made it. */
  private static HasMetadata workload(KubernetesClient client, String name, Wanted pipeline) {
    return pipeline.stateful
        ? client.apps().statefulSets().inNamespace(NAMESPACE).withName(name).get()
        : client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  /** What a pipeline's workers leave in Kafka: their group's offsets and an internal topic. */
  private static void workersRan(Admin kafka, String name) throws Exception {
    TestTopics.create(kafka, Map.of(internalTopic(name), 1));
    kafka
        .alterConsumerGroupOffsets(
            "bank." + name,
            Map.of(new TopicPartition(internalTopic(name), 0), new OffsetAndMetadata(0)))
        .all()
        .get();
  }

  private static String internalTopic(String name) {
    return "bank." + name + "-totals-repartition";
  }

  private static TributaryOperator start(KubernetesClient client, KafkaBroker broker) {
    TributaryOperator operator =
        TributaryOperator.create(
            client,
            TestOperators.settings(broker.bootstrapServers()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Clock.systemUTC(),
            false);
    operator.start();
    return operator;
  }

  private static void replaceSpec(KubernetesClient client, String name, String document) {
    client
        .resources(PipelineResource.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .edit(
            p -> {
              p.setSpec(Pipelines.spec(document));
              return p;
            });
  }

  /** Plays the workload controllers: every workload's pods exist and are ready as wanted. */
  private static void rollOutAll(KubernetesStandIn kubernetes) {
    try {
      KubernetesClient client = kubernetes.client();
      for (StatefulSet s : client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems()) {
        if (s.getStatus() == null
            || !s.getSpec().getReplicas().equals(s.getStatus().getReadyReplicas())
            || !s.getMetadata().getGeneration().equals(s.getStatus().getObservedGeneration())) {
          kubernetes.rolledOut(s);
        }
      }
      for (Deployment d : client.apps().deployments().inNamespace(NAMESPACE).list().getItems()) {
        if (d.getStatus() == null
            || !d.getSpec().getReplicas().equals(d.getStatus().getReadyReplicas())
            || !d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())) {
          kubernetes.rolledOut(d);
        }
      }
    } catch (RuntimeException e) {
      // changed meanwhile: the next round
    }
  }

  private static String stateless(String name, int replicas, int threshold) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: %1$s
          team: bank
        spec:
          sources:
            - name: payments
              topic: bank.%1$s-payments
              partitions: 2
              fields: {account: string, amount: int}
          steps:
            - name: large
              input: payments
              filter: 'amount > %3$d'
          sinks:
            - {name: large, input: large, topic: bank.%1$s-large}
          runtime:
            replicas: {min: %2$d, max: %2$d}
        """
        .formatted(name, replicas, threshold);
  }
}
