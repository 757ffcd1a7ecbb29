package dev.tributary.benchmarks.operator;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.operator.OperatorSettings;
import dev.tributary.operator.TributaryOperator;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.pipeline.workers.WorkerPodSettings;
import dev.tributary.pipeline.crd.PipelinePhase;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator reconciling many pipelines at once (docs/benchmarks.md, "Operator"): {@code N}
 * Pipelines across {@code M} team namespaces, created together against fabric8's Kubernetes mock
 * server (CRUD mode, the generated CRD installed) with their topics provisioned on a real broker,
 * until every one is {@code Running}. A cheap stand-in for the workload controllers marks each
 * StatefulSet or Deployment ready as it is written, without running workers.
 *
 * <p>Prints the total time, the reconciliations' p50 and p99 (the Operator SDK's {@code
 * reconciliations.execution.duration}), and the heap and RSS of this JVM, which holds the operator
 * and also the mock server with every object it stores: an upper bound of the operator's own.
 */
public final class OperatorBenchmark {

  private static final String CRD = "META-INF/fabric8/pipelines.tributary.dev-v1.yml";

  public static void main(String[] args) throws Exception {
    int pipelines = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Duration limit = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 300);
    Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    Logger.getLogger("okhttp3").setLevel(Level.WARNING);

    try (KafkaBroker broker = KafkaBroker.start()) {
      KubernetesMockServer server = mockServer();
      KubernetesClient client = server.createClient();
      installCrd(client);
      for (int n = 0; n < namespaces; n++) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName("team-t" + n)
                    .endMetadata()
                    .build())
            .create();
      }
      KubernetesClient controllers = server.createClient();
      List<SharedIndexInformer<?>> standIn = workloadsReady(controllers);

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      registry.config().meterFilter(percentiles());
      TributaryOperator operator =
          TributaryOperator.create(
              server.createClient(),
              settings(broker.bootstrapServers()),
              registry,
              Clock.systemUTC(),
              false);
      operator.start();

      Map<String, Long> runningAt = new ConcurrentHashMap<>();
      SharedIndexInformer<PipelineResource> watch =
          client
              .resources(PipelineResource.class)
              .inAnyNamespace()
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(PipelineResource p) {
                      onUpdate(null, p);
                    }

                    @Override
                    public void onUpdate(PipelineResource old, PipelineResource p) {
                      if (p.getStatus() != null && p.getStatus().phase() == PipelinePhase.RUNNING) {
                        runningAt.putIfAbsent(
                            p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(),
                            System.nanoTime());
                      }
                    }

                    @Override
                    public void onDelete(PipelineResource p, boolean unknown) {}
                  });

      System.out.printf(
          "creating %d pipelines in %d namespaces (%d topics on the broker)%n",
          pipelines, namespaces, pipelines * 3);
      long start = System.nanoTime();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      for (int i = 0; i < pipelines; i++) {
        String namespace = "team-t" + (i % namespaces);
        String name = "p" + i;
        String team = "t" + (i % namespaces);
        writers.submit(
            () -> {
              PipelineResource resource = new PipelineResource();
              resource.setMetadata(
                  new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                      .withName(name)
                      .withNamespace(namespace)
                      .build());
              resource.setSpec(spec(team, name));
              client.resource(resource).create();
              return null;
            });
      }
      writers.shutdown();
      writers.awaitTermination(5, TimeUnit.MINUTES);
      long created = System.nanoTime();

      long deadline = start + limit.toNanos();
      while (runningAt.size() < pipelines && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      long end = System.nanoTime();
      int done = runningAt.size();

      Timer reconciliations = reconciliationTimer(registry);
      MemoryFigures memory = MemoryFigures.now();
      System.out.println();
      System.out.printf("pipelines Running:      %d of %d%n", done, pipelines);
      System.out.printf("created in:             %.1f s%n", (created - start) / 1e9);
      System.out.printf(
          "all Running after:      %.1f s%s%n",
          (runningAt.values().stream().mapToLong(Long::longValue).max().orElse(end) - start) / 1e9,
          done < pipelines ? " (limit reached)" : "");
      if (reconciliations != null) {
        Map<Double, Double> p = new HashMap<>();
        for (ValueAtPercentile v : reconciliations.takeSnapshot().percentileValues()) {
          p.put(v.percentile(), v.value(TimeUnit.MILLISECONDS));
        }
        System.out.printf("reconciliations:        %d%n", reconciliations.count());
        System.out.printf("reconcile p50:          %.0f ms%n", p.getOrDefault(0.5, Double.NaN));
        System.out.printf("reconcile p99:          %.0f ms%n", p.getOrDefault(0.99, Double.NaN));
        System.out.printf(
            "reconcile max:          %.0f ms%n", reconciliations.max(TimeUnit.MILLISECONDS));
      }
      System.out.printf("heap used peak:         %d MB%n", memory.heapPeakMb());
      System.out.printf("heap used after GC:     %d MB%n", memory.heapAfterGcMb());
      System.out.printf(
          "RSS now / peak:         %d MB / %d MB%n", memory.rssMb(), memory.rssPeakMb());

      watch.close();
      standIn.forEach(SharedIndexInformer::close);
      operator.close();
      controllers.close();
      client.close();
      server.destroy();
      if (done < pipelines) {
        System.exit(1);
      }
    }
  }

  /** A stateless pipeline of the team: one source, a filter, one sink; one partition each. */
  private static com.fasterxml.jackson.databind.JsonNode spec(String team, String name) {
    String yaml =
        """
        sources:
          - name: payments
            topic: %1$s.%2$s-payments
            partitions: 1
            fields: {account: string, amount: int}
        steps:
          - name: large
            input: payments
            filter: 'amount > 10'
        sinks:
          - {name: large, input: large, topic: %1$s.%2$s-large, partitions: 1}
        deadLetter: {topic: %1$s.%2$s-dead-letters}
        runtime:
          replicas: {min: 1}
        """
            .formatted(team, name);
    try {
      return Serialization.yamlMapper().readTree(yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static OperatorSettings settings(String bootstrap) {
    return new OperatorSettings(
        bootstrap,
        new WorkerPodSettings(
            "tributary/worker:benchmark",
            "IfNotPresent",
            bootstrap,
            "1Gi",
            null,
            Map.of(),
            "500m",
            "1Gi"),
        1,
        (short) 1,
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        0,
        Set.of(),
        null,
        "benchmark",
        Duration.ofSeconds(10),
        Duration.ofMinutes(10));
  }

  /** Plays the workload controllers: a workload written is at once reported rolled out. */
  private static List<SharedIndexInformer<?>> workloadsReady(KubernetesClient client) {
    ExecutorService writer = Executors.newFixedThreadPool(2);
    List<SharedIndexInformer<?>> informers = new ArrayList<>();
    informers.add(
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                handler(
                    (Deployment d) -> {
                      int replicas = d.getSpec().getReplicas();
                      if (d.getStatus() != null
                          && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas())
                          && d.getMetadata()
                              .getGeneration()
                              .equals(d.getStatus().getObservedGeneration())) {
                        return;
                      }
                      writer.submit(
                          () -> {
                            d.setStatus(
                                new DeploymentStatusBuilder()
                                    .withObservedGeneration(d.getMetadata().getGeneration())
                                    .withReplicas(replicas)
                                    .withReadyReplicas(replicas)
                                    .withUpdatedReplicas(replicas)
                                    .withAvailableReplicas(replicas)
                                    .build());
                            client.resource(d).updateStatus();
                          });
                    })));
    informers.add(
        client
            .apps()
            .statefulSets()
            .inAnyNamespace()
            .inform(
                handler(
                    (StatefulSet s) -> {
                      int replicas = s.getSpec().getReplicas();
                      if (s.getStatus() != null
                          && Integer.valueOf(replicas).equals(s.getStatus().getReadyReplicas())
                          && s.getMetadata()
                              .getGeneration()
                              .equals(s.getStatus().getObservedGeneration())) {
                        return;
                      }
                      writer.submit(
                          () -> {
                            String revision =
                                s.getMetadata().getName() + "-" + s.getMetadata().getGeneration();
                            s.setStatus(
                                new StatefulSetStatusBuilder()
                                    .withObservedGeneration(s.getMetadata().getGeneration())
                                    .withReplicas(replicas)
                                    .withReadyReplicas(replicas)
                                    .withUpdatedReplicas(replicas)
                                    .withCurrentReplicas(replicas)
                                    .withCurrentRevision(revision)
                                    .withUpdateRevision(revision)
                                    .build());
                            client.resource(s).updateStatus();
                          });
                    })));
    return informers;
  }

  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T t) {
        onChange.accept(t);
      }

      @Override
      public void onUpdate(T old, T t) {
        onChange.accept(t);
      }

      @Override
      public void onDelete(T t, boolean unknown) {}
    };
  }

  private static MeterFilter percentiles() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().equals("reconciliations.execution.duration")
            ? DistributionStatisticConfig.builder()
                .percentiles(0.5, 0.99)
                .expiry(Duration.ofHours(1))
                .bufferLength(1)
                .build()
                .merge(config)
            : config;
      }
    };
  }

  private static Timer reconciliationTimer(SimpleMeterRegistry registry) {
    return registry.find("reconciliations.execution.duration").timers().stream()
        .max(java.util.Comparator.comparingLong(Timer::count))
        .orElse(null);
  }

  private static KubernetesMockServer mockServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .endStatus()
                .build())
        .always();
    return server;
  }

  private static void installCrd(KubernetesClient client) throws java.io.IOException {
    try (InputStream crd = OperatorBenchmark.class.getClassLoader().getResourceAsStream(CRD)) {
      client
          .resource(
              client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    }
  }

  /** Heap and resident memory of this JVM. */
  private record MemoryFigures(long heapPeakMb, long heapAfterGcMb, long rssMb, long rssPeakMb) {
    static MemoryFigures now() throws java.io.IOException {
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.gc();
      long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long rss = 0;
      long hwm = 0;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kb(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kb(line);
        }
      }
      return new MemoryFigures(peak >> 20, after >> 20, rss >> 10, hwm >> 10);
    }

    private static long kb(String line) {
      return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
  }

  private OperatorBenchmark() {}
}
