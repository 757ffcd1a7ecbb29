package dev.tributary.operator.pipeline.workers;

import dev.tributary.pipeline.spec.ResourcesSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod every replica of a pipeline runs: the worker image with its settings in the environment
 * (docs/worker.md), as the local runtime starts the same worker jar as a process.
 *
 * <ul>
 *   <li>The document comes from the pipeline's ConfigMap, mounted read-only; Kafka Streams' state
 *       from a volume: the replica's own claim for a stateful pipeline, an {@code emptyDir} for a
 *       stateless one. The root filesystem is read-only, with an {@code emptyDir} for {@code /tmp}.
 *   <li>A stateful pipeline's replicas are static members of the consumer group ({@code
 *       group.instance.id} = pod name): a restarted pod gets its tasks back without a rebalance,
 *       and finds their stores on its volume.
 *   <li>Readiness is the worker's {@code /q/health/ready} (Kafka Streams {@code RUNNING}); liveness
 *       its {@code /q/health/live}, after a startup allowance for restoring state.
 *   <li>No service-account token, not root, no privilege escalation, no capabilities; replicas are
 *       spread over nodes where the scheduler can.
 * </ul>
 */
public final class WorkerPodTemplate {

  public static final String CONTAINER = "worker";
  public static final String DOCUMENT_DIRECTORY = "/etc/tributary";
  public static final String DOCUMENT_FILE = "pipeline.yaml";
  public static final String STATE_DIRECTORY = "/var/lib/tributary";
  public static final int HTTP_PORT = 8080;
  static final String STATE_VOLUME = "state";
  static final String DOCUMENT_VOLUME = "pipeline";
  static final String TMP_VOLUME = "tmp";
  static final String KAFKA_VOLUME = "kafka-credential";
  public static final String KAFKA_DIRECTORY = "/etc/tributary/kafka";

  /** On the pod template: a new credential rolls the pods onto it. */
  public static final String KAFKA_USER_ANNOTATION = "tributary.dev/kafka-user";

  /** The image's user ({@code worker-image/Dockerfile}). */
  private static final long WORKER_USER = 10001;

  /** As long as the local runtime waits: the worker commits and leaves its group in that time. */
  private static final long STOP_GRACE_SECONDS = 60;

  private WorkerPodTemplate() {}

  static PodTemplateSpec of(WorkerPlan plan, boolean staticMembership) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(WorkerAnnotations.DOCUMENT_DIGEST, plan.documentDigest());
    if (plan.restartedAt() != null) {
      annotations.put(
          dev.tributary.operator.pipeline.PipelineAnnotations.RESTARTED_AT, plan.restartedAt());
    }
    if (plan.kafkaUser() != null) {
      annotations.put(KAFKA_USER_ANNOTATION, plan.kafkaUser());
    }
    annotations.put("prometheus.io/scrape", "true");
    annotations.put("prometheus.io/port", String.valueOf(HTTP_PORT));
    annotations.put("prometheus.io/path", "/q/metrics");
    PodTemplateSpecBuilder template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(WorkerLabels.all(plan))
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withEnableServiceLinks(false)
            .withTerminationGracePeriodSeconds(STOP_GRACE_SECONDS)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(WORKER_USER)
            .withRunAsGroup(WORKER_USER)
            .withFsGroup(WORKER_USER)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withNewAffinity()
            .withNewPodAntiAffinity()
            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(100)
            .withNewPodAffinityTerm()
            .withTopologyKey("kubernetes.io/hostname")
            .withNewLabelSelector()
            .withMatchLabels(WorkerLabels.selector(plan.name()))
            .endLabelSelector()
            .endPodAffinityTerm()
            .endPreferredDuringSchedulingIgnoredDuringExecution()
            .endPodAntiAffinity()
            .endAffinity()
            .withContainers(container(plan, staticMembership))
            .addNewVolume()
            .withName(DOCUMENT_VOLUME)
            .withNewConfigMap()
            .withName(PipelineDocumentConfigMap.name(plan.name()))
            .endConfigMap()
            .endVolume()
            .addNewVolume()
            .withName(TMP_VOLUME)
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec();
    if (plan.kafkaUser() != null) {
      template
          .editSpec()
          .addNewVolume()
          .withName(KAFKA_VOLUME)
          .withNewSecret()
          .withSecretName(
              dev.tributary.operator.pipeline.PipelineKafkaCredentials.secretName(plan.name()))
          .withDefaultMode(0400)
          .endSecret()
          .endVolume()
          .editFirstContainer()
          .addNewVolumeMount()
          .withName(KAFKA_VOLUME)
          .withMountPath(KAFKA_DIRECTORY)
          .withReadOnly(true)
          .endVolumeMount()
          .addNewEnv()
          .withName("TRIBUTARY_KAFKA_CLIENT_PROPERTIES")
          .withValue(
              KAFKA_DIRECTORY
                  + "/"
                  + dev.tributary.operator.pipeline.PipelineKafkaCredentials.SECRET_KEY)
          .endEnv()
          .endContainer()
          .endSpec();
    }
    if (!staticMembership) {
      template
          .editSpec()
          .addNewVolume()
          .withName(STATE_VOLUME)
          .withNewEmptyDir()
          .endEmptyDir()
          .endVolume()
          .endSpec();
    }
    return template.build();
  }

  private static Container container(WorkerPlan plan, boolean staticMembership) {
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(plan.settings().image())
        .withImagePullPolicy(plan.settings().imagePullPolicy())
        .withEnv(environment(plan, staticMembership))
        .addNewPort()
        .withName("http")
        .withContainerPort(HTTP_PORT)
        .withProtocol("TCP")
        .endPort()
        .withResources(resources(plan))
        .withStartupProbe(probe("/q/health/live", 30))
        .withLivenessProbe(probe("/q/health/live", 6))
        .withReadinessProbe(probe("/q/health/ready", 3))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName(DOCUMENT_VOLUME)
        .withMountPath(DOCUMENT_DIRECTORY)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName(STATE_VOLUME)
        .withMountPath(STATE_DIRECTORY)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName(TMP_VOLUME)
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  /** The worker's settings (docs/worker.md), the same the local runtime gives its processes. */
  private static List<EnvVar> environment(WorkerPlan plan, boolean staticMembership) {
    List<EnvVar> env = new ArrayList<>();
    env.add(variable("TRIBUTARY_PIPELINE_FILE", DOCUMENT_DIRECTORY + "/" + DOCUMENT_FILE));
    env.add(variable("TRIBUTARY_TEAM", plan.team()));
    env.add(variable("TRIBUTARY_TOPIC_PREFIX", plan.topicPrefix()));
    env.add(
        variable(
            "TRIBUTARY_STATE_GENERATION", Integer.toString(plan.pipeline().stateGeneration())));
    env.add(variable("TRIBUTARY_STATE_DIR", STATE_DIRECTORY));
    env.add(variable("TRIBUTARY_HTTP_PORT", String.valueOf(HTTP_PORT)));
    env.add(variable("KAFKA_BOOTSTRAP_SERVERS", plan.settings().bootstrapServers()));
    plan.settings().environment().forEach((name, value) -> env.add(variable(name, value)));
    if (staticMembership) {
      env.add(
          new EnvVarBuilder()
              .withName("KAFKA_GROUP_INSTANCE_ID")
              .withNewValueFrom()
              .withNewFieldRef()
              .withFieldPath("metadata.name")
              .endFieldRef()
              .endValueFrom()
              .build());
    }
    return env;
  }

  private static EnvVar variable(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /**
   * Requests from the spec or the operator's defaults; memory is also the limit (a JVM grows its
   * heap to a share of it), CPU has no limit so that a busy worker is not throttled.
   */
  private static ResourceRequirements resources(WorkerPlan plan) {
    ResourcesSpec spec = plan.pipeline().spec().runtimeOrDefault().resources();
    String cpu = spec == null || spec.cpu() == null ? plan.settings().defaultCpu() : spec.cpu();
    String memory =
        spec == null || spec.memory() == null ? plan.settings().defaultMemory() : spec.memory();
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory))
        .addToLimits("memory", new Quantity(memory))
        .build();
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort("http")
        .endHttpGet()
        .withPeriodSeconds(10)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
