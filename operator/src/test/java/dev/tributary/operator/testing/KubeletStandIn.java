package dev.tributary.operator.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the workload controllers and the kubelet for the StatefulSets and Deployments the operator
 * writes into the mock server: each wanted pod is the worker jar run as a local process with its
 * container's environment, its volumes as folders (the ConfigMap's keys as files), and its
 * readiness read from the worker's {@code /q/health/ready}; what runs is reported back as the
 * workload's status, and each pod as a {@code Pod} object with its container's state as the kubelet
 * writes it: running and ready or not, and a container that exits is restarted with a back-off
 * (restart policy {@code Always}), reported meanwhile as waiting in {@code CrashLoopBackOff} with
 * its last state terminated with the exit code, and its restart count.
 *
 * <p>A stand-in, not a kubelet: the container's image stands for the worker jar, a changed pod
 * template replaces every pod at once, and the port is the one the worker picks (two local workers
 * cannot share 8080).
 */
public final class KubeletStandIn implements AutoCloseable {

  private static final Pattern HTTP_PORT = Pattern.compile("http port (\\d+)");

  private final KubernetesClient client;
  private final Path workerJar;
  private final Path root;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, Workload> workloads = new ConcurrentHashMap<>();
  private final Map<String, String> environmentOverrides = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("kubelet-stand-in").factory());

  private KubeletStandIn(KubernetesClient client, Path workerJar, Path root) {
    this.client = client;
    this.workerJar = workerJar;
    this.root = root;
  }

  public static KubeletStandIn start(KubernetesClient client, Path workerJar, Path root) {
    if (!Files.isRegularFile(workerJar)) {
      throw new IllegalStateException(
          "the worker jar "
              + workerJar
              + " is missing; build it with ./mvnw install -pl worker-image");
    }
    KubeletStandIn kubelet = new KubeletStandIn(client, workerJar, root);
    kubelet.loop.scheduleWithFixedDelay(kubelet::syncQuietly, 0, 500, TimeUnit.MILLISECONDS);
    return kubelet;
  }

  /**
   * From now on, pods start with this variable set as given instead of as their template says: a
   * node or an admission webhook that changes a container's environment, for tests of a worker that
   * refuses what it was given.
   */
  public void overrideEnvironment(String name, String value) {
    environmentOverrides.put(name, value);
  }

  /** What the pods of one workload print, for a failing test's message. */
  public String logs(String namespace, String workload) {
    Workload running = workloads.get(namespace + "/" + workload);
    if (running == null) {
      return "(no pods)";
    }
    StringBuilder logs = new StringBuilder();
    for (Pod pod : running.pods) {
      logs.append("---- ").append(pod.name).append('\n').append(pod.log());
    }
    return logs.toString();
  }

  /** Whether a pod of the workload ended: a worker that exits is a failure in these tests. */
  public boolean anyPodEnded(String namespace, String workload) {
    Workload running = workloads.get(namespace + "/" + workload);
    return running != null
        && running.pods.stream().anyMatch(pod -> !pod.process.isAlive() || pod.restarts > 0);
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      // the next round tries again, as a kubelet does
    }
  }

  private void sync() {
    Set<String> seen = new java.util.HashSet<>();
    for (StatefulSet statefulSet :
        client.apps().statefulSets().inAnyNamespace().list().getItems()) {
      seen.add(key(statefulSet));
      converge(
          statefulSet, statefulSet.getSpec().getReplicas(), statefulSet.getSpec().getTemplate());
    }
    for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
      seen.add(key(deployment));
      converge(deployment, deployment.getSpec().getReplicas(), deployment.getSpec().getTemplate());
    }
    for (String gone : List.copyOf(workloads.keySet())) {
      if (!seen.contains(gone)) {
        Workload removed = workloads.remove(gone);
        removed.pods.forEach(this::unpublish);
        removed.stopAll();
      }
    }
  }

  private void converge(HasMetadata workload, Integer wanted, PodTemplateSpec template) {
    String key = key(workload);
    String revision = workload.getMetadata().getName() + "-" + digest(template);
    Workload running = workloads.computeIfAbsent(key, k -> new Workload());
    if (!revision.equals(running.revision)) {
      running.pods.forEach(this::unpublish);
      running.stopAll();
      running.revision = revision;
    }
    int replicas = wanted == null ? 0 : wanted;
    while (running.pods.size() > replicas) {
      Pod removed = running.pods.remove(running.pods.size() - 1);
      removed.stop();
      unpublish(removed);
    }
    while (running.pods.size() < replicas) {
      running.pods.add(startPod(workload, template, running.pods.size()));
    }
    int ready = 0;
    for (Pod pod : running.pods) {
      pod.restartWhenDue(Instant.now());
      boolean podReady = ready(pod);
      ready += podReady ? 1 : 0;
      publish(workload, template, pod, podReady);
    }
    report(workload, running.pods.size(), ready, revision);
  }

  /** The pod as the kubelet reports it: its labels, owner, and its container's state. */
  private void publish(HasMetadata workload, PodTemplateSpec template, Pod pod, boolean ready) {
    ContainerStatusBuilder container =
        new ContainerStatusBuilder()
            .withName(template.getSpec().getContainers().get(0).getName())
            .withImage(template.getSpec().getContainers().get(0).getImage())
            .withReady(ready)
            .withStarted(pod.process.isAlive())
            .withRestartCount(pod.restarts);
    if (pod.process.isAlive()) {
      container
          .withNewState()
          .withNewRunning()
          .withStartedAt(pod.startedAt.toString())
          .endRunning()
          .endState();
    } else {
      container
          .withNewState()
          .withNewWaiting()
          .withReason("CrashLoopBackOff")
          .withMessage(
              "back-off restarting failed container " + container.getName() + " in pod " + pod.name)
          .endWaiting()
          .endState();
    }
    if (pod.lastExit != null) {
      container
          .withNewLastState()
          .withNewTerminated()
          .withExitCode(pod.lastExit)
          .withReason(pod.lastExit == 0 ? "Completed" : "Error")
          .withFinishedAt(pod.exitedAt.toString())
          .endTerminated()
          .endLastState();
    }
    PodStatus status =
        new PodStatusBuilder()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "False")
            .endCondition()
            .withContainerStatuses(container.build())
            .build();
    if (status.equals(pod.published)) {
      return;
    }
    io.fabric8.kubernetes.api.model.Pod object =
        new PodBuilder()
            .withNewMetadata()
            .withName(pod.name)
            .withNamespace(workload.getMetadata().getNamespace())
            .withLabels(template.getMetadata().getLabels())
            .addNewOwnerReference()
            .withApiVersion(workload.getApiVersion())
            .withKind(workload.getKind())
            .withName(workload.getMetadata().getName())
            .withUid(workload.getMetadata().getUid())
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withSpec(template.getSpec())
            .withStatus(status)
            .build();
    try {
      if (pod.published == null) {
        client.resource(object).createOr(NonDeletingOperation::update);
      } else {
        client.resource(object).updateStatus();
      }
      pod.published = status;
    } catch (KubernetesClientException e) {
      // the next round tries again
    }
  }

  private void unpublish(Pod pod) {
    if (pod.namespace == null) {
      return;
    }
    try {
      client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
    } catch (KubernetesClientException e) {
      // gone already
    }
  }

  private void report(HasMetadata workload, int pods, int ready, String revision) {
    try {
      if (workload instanceof StatefulSet statefulSet) {
        statefulSet.setStatus(
            new StatefulSetStatusBuilder()
                .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                .withReplicas(pods)
                .withReadyReplicas(ready)
                .withUpdatedReplicas(pods)
                .withCurrentReplicas(pods)
                .withCurrentRevision(revision)
                .withUpdateRevision(revision)
                .build());
        if (!statefulSet.getStatus().equals(reported(statefulSet))) {
          client.resource(statefulSet).updateStatus();
        }
      } else if (workload instanceof Deployment deployment) {
        deployment.setStatus(
            new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(pods)
                .withReadyReplicas(ready)
                .withUpdatedReplicas(pods)
                .withAvailableReplicas(ready)
                .build());
        if (!deployment.getStatus().equals(reported(deployment))) {
          client.resource(deployment).updateStatus();
        }
      }
    } catch (KubernetesClientException e) {
      // changed meanwhile: the next round reports on the new version
    }
  }

  private Object reported(HasMetadata workload) {
    HasMetadata stored = client.resource(workload).get();
    if (stored instanceof StatefulSet s) {
      return s.getStatus();
    }
    return stored instanceof Deployment d ? d.getStatus() : null;
  }

  private Pod startPod(HasMetadata workload, PodTemplateSpec template, int ordinal) {
    String namespace = workload.getMetadata().getNamespace();
    String name = workload.getMetadata().getName() + "-" + ordinal;
    Path podDirectory = root.resolve(namespace).resolve(name);
    Container container = template.getSpec().getContainers().get(0);
    Map<String, Path> mounts = new HashMap<>();
    try {
      for (VolumeMount mount : container.getVolumeMounts()) {
        Path local = Files.createDirectories(podDirectory.resolve(mount.getName()));
        mounts.put(mount.getMountPath(), local);
        volume(template, mount.getName())
            .filter(v -> v.getConfigMap() != null)
            .ifPresent(v -> writeConfigMap(namespace, v.getConfigMap().getName(), local));
        volume(template, mount.getName())
            .filter(v -> v.getSecret() != null)
            .ifPresent(v -> writeSecret(namespace, v.getSecret().getSecretName(), local));
      }
      Map<String, String> env = new HashMap<>();
      for (EnvVar variable : container.getEnv()) {
        env.put(variable.getName(), value(variable, name, namespace, mounts));
      }
      // Every local worker needs a port of its own; the worker prints the one it got.
      env.put("TRIBUTARY_HTTP_PORT", "0");
      env.putAll(environmentOverrides);
      Path log = podDirectory.resolve("pod.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  workerJar.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder
          .environment()
          .keySet()
          .removeIf(n -> n.startsWith("KAFKA_") || n.startsWith("TRIBUTARY_"));
      builder.environment().putAll(env);
      return new Pod(namespace, name, builder, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start pod " + name, e);
    }
  }

  private static java.util.Optional<Volume> volume(PodTemplateSpec template, String name) {
    return template.getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst();
  }

  private void writeConfigMap(String namespace, String name, Path directory) {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      throw new IllegalStateException("ConfigMap " + namespace + "/" + name + " does not exist");
    }
    configMap
        .getData()
        .forEach(
            (file, content) -> {
              try {
                Files.writeString(directory.resolve(file), content);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** A Secret volume: each key a file, owner-readable only, as defaultMode 0400 makes it. */
  private void writeSecret(String namespace, String name, Path directory) {
    io.fabric8.kubernetes.api.model.Secret secret =
        client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new IllegalStateException("Secret " + namespace + "/" + name + " does not exist");
    }
    secret
        .getData()
        .forEach(
            (file, content) -> {
              try {
                Path written = directory.resolve(file);
                Files.write(written, java.util.Base64.getDecoder().decode(content));
                Files.setPosixFilePermissions(
                    written, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** A variable's value in the pod: the downward API resolved, mounted paths made local. */
  private static String value(
      EnvVar variable, String pod, String namespace, Map<String, Path> mounts) {
    if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
      return switch (variable.getValueFrom().getFieldRef().getFieldPath()) {
        case "metadata.name" -> pod;
        case "metadata.namespace" -> namespace;
        default ->
            throw new IllegalArgumentException(
                "the stand-in does not know "
                    + variable.getValueFrom().getFieldRef().getFieldPath());
      };
    }
    String value = variable.getValue();
    // The longest mount path that holds the value wins: /etc/tributary/kafka is inside
    // /etc/tributary, as it is in the container.
    return mounts.entrySet().stream()
        .filter(
            mount ->
                value != null
                    && (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")))
        .max(java.util.Comparator.comparingInt(mount -> mount.getKey().length()))
        .map(mount -> mount.getValue() + value.substring(mount.getKey().length()))
        .orElse(value);
  }

  private boolean ready(Pod pod) {
    int port = pod.port();
    if (port <= 0 || !pod.process.isAlive()) {
      return false;
    }
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String key(HasMetadata workload) {
    return workload.getMetadata().getNamespace() + "/" + workload.getMetadata().getName();
  }

  private static String digest(PodTemplateSpec template) {
    try {
      byte[] json =
          io.fabric8.kubernetes.client.utils.Serialization.asJson(template)
              .getBytes(StandardCharsets.UTF_8);
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json))
          .substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workloads.values().forEach(Workload::stopAll);
  }

  private static final class Workload {
    final List<Pod> pods = new ArrayList<>();
    String revision;

    void stopAll() {
      pods.forEach(Pod::stop);
      pods.clear();
    }
  }

  private static final class Pod {

    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(10);

    final String namespace;
    final String name;
    final ProcessBuilder command;
    final Path logFile;
    Process process;
    Instant startedAt;
    int restarts;
    Integer lastExit;
    Instant exitedAt;
    Instant restartAt;
    PodStatus published;

    Pod(String namespace, String name, ProcessBuilder command, Path logFile) throws IOException {
      this.namespace = namespace;
      this.name = name;
      this.command = command;
      this.logFile = logFile;
      this.process = command.start();
      this.startedAt = Instant.now();
    }

    /** Restart policy Always: an exited container starts again after a doubling back-off. */
    void restartWhenDue(Instant now) {
      if (process.isAlive()) {
        return;
      }
      if (restartAt == null) {
        lastExit = process.exitValue();
        exitedAt = now;
        long factor = 1L << Math.min(restarts, 4);
        Duration backOff = FIRST_BACK_OFF.multipliedBy(factor);
        restartAt = now.plus(backOff.compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : backOff);
        return;
      }
      if (!now.isBefore(restartAt)) {
        try {
          process = command.start();
          startedAt = now;
          restarts++;
          restartAt = null;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot restart pod " + name, e);
        }
      }
    }

    int port() {
      Matcher matcher = HTTP_PORT.matcher(log());
      int port = -1;
      while (matcher.find()) {
        port = Integer.parseInt(matcher.group(1));
      }
      return port;
    }

    String log() {
      try {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
      } catch (IOException e) {
        return "";
      }
    }

    /** As the kubelet stops a container: SIGTERM, then SIGKILL after the grace period. */
    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
