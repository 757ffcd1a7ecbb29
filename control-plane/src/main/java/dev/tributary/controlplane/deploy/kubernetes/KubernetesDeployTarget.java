package dev.tributary.controlplane.deploy.kubernetes;

import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.deploy.DeployTargetException;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.kafka.PlatformKafka;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.condition.ConditionReason;
import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import dev.tributary.runtime.upgrade.OffsetHandOverException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code kubernetes} deploy target: the catalog's pipelines become {@code Pipeline} resources
 * in their team's namespace, which the operator runs (docs/kubernetes.md).
 *
 * <p>Unlike the local target, the write happens <em>inside</em> the catalog's transaction, as one
 * request against the resource version just read: the resource is the desired state, and a write
 * that Kubernetes refuses (unreachable, forbidden, changed meanwhile) rolls the catalog back with
 * it. A resource changed with kubectl and not yet recorded in the catalog makes an API write fail
 * with 409, so that no out-of-band change is overwritten unseen; the {@link PipelineInformer}
 * records it within moments. Should the catalog's commit fail after the write, the informer finds a
 * revision the catalog lacks and records it, so catalog and cluster agree again.
 */
@ApplicationScoped
@Typed(KubernetesDeployTarget.class)
public class KubernetesDeployTarget implements DeployTarget {

  @Inject KubernetesClients clients;
  @Inject PipelineInformer informer;
  @Inject PlatformKafka kafka;

  /** Writes made on a newer version after a conflict, before the conflict is the caller's. */
  private static final int WRITE_ATTEMPTS = 3;

  private static final java.time.Duration HAND_OVER_TIMEOUT = java.time.Duration.ofSeconds(5);

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public void apply(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    write(
        pipeline,
        true,
        resource -> {
          PipelineResources.setRevision(resource, revision, validated);
        });
  }

  /**
   * The operator carries a new generation of the state out (docs/kubernetes.md): it stops the old
   * workers, hands their offsets over and starts the new ones.
   */
  @Override
  public boolean resetsState() {
    return true;
  }

  /**
   * Read from Kafka with the control plane's own connection, as the operator will hand them over.
   */
  @Override
  public List<OffsetHandOver.StartingOffset> startingOffsets(
      PipelineRef pipeline, ValidatedPipeline before, ValidatedPipeline after) {
    if (kafka.connection().isEmpty()) {
      throw new DeployTargetException(
          name(),
          "the control plane has no Kafka connection (tributary.kafka.bootstrap-servers) to read"
              + " where pipeline "
              + pipeline.name()
              + " would start");
    }
    try {
      return new OffsetHandOver(kafka.admin(), HAND_OVER_TIMEOUT).plan(before, after);
    } catch (OffsetHandOverException | org.apache.kafka.common.KafkaException e) {
      throw new DeployTargetException(
          name(),
          "cannot read where pipeline " + pipeline.name() + " would start: " + e.getMessage());
    }
  }

  @Override
  public void pause(PipelineRef pipeline) {
    write(
        pipeline,
        false,
        r -> PipelineResources.annotations(r).put(PipelineResources.PAUSED, "true"));
  }

  @Override
  public void resume(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    write(
        pipeline,
        true,
        resource -> {
          PipelineResources.setRevision(resource, revision, validated);
          PipelineResources.annotations(resource).remove(PipelineResources.PAUSED);
        });
  }

  @Override
  public void restart(PipelineRef pipeline) {
    write(
        pipeline,
        false,
        r ->
            PipelineResources.annotations(r)
                .put(PipelineResources.RESTARTED_AT, Instant.now().toString()));
  }

  /** The operator gives workers credentials of their own when the cluster is secured. */
  @Override
  public boolean rotatesCredentials() {
    return kafka.connection().map(KafkaConnection::secured).orElse(false);
  }

  /**
   * Asks the operator for the pipeline's next Kafka user: it rolls the workers onto it and removes
   * the previous one once they all run on the new one (docs/kafka-security.md).
   */
  @Override
  public void rotateCredentials(PipelineRef pipeline) {
    write(
        pipeline,
        false,
        r ->
            PipelineResources.annotations(r)
                .put(PipelineResources.ROTATE_KAFKA_CREDENTIAL, Instant.now().toString()));
  }

  @Override
  public void delete(PipelineRef pipeline) {
    try {
      resource(pipeline).delete();
    } catch (KubernetesClientException e) {
      throw refused(pipeline, e);
    }
  }

  @Override
  public DeploymentStatus status(PipelineRef pipeline) {
    GenericKubernetesResource resource =
        informer.cached(namespace(pipeline.team()), pipeline.name()).orElse(null);
    return status(resource);
  }

  /**
   * Every resource the informer holds, for metrics. Outside a request there is no catalog to ask,
   * so a resource's team is its {@code tributary.dev/team} label, else that of a {@code
   * team-<slug>} namespace.
   */
  @Override
  public Map<PipelineRef, DeploymentStatus> statuses() {
    Map<PipelineRef, DeploymentStatus> statuses = new LinkedHashMap<>();
    for (GenericKubernetesResource resource : informer.all()) {
      Map<String, String> labels = resource.getMetadata().getLabels();
      String team = labels == null ? null : labels.get(PipelineResources.TEAM);
      String namespace = resource.getMetadata().getNamespace();
      if (team == null && namespace != null && namespace.startsWith("team-")) {
        team = namespace.substring("team-".length());
      }
      if (team != null) {
        statuses.put(new PipelineRef(team, resource.getMetadata().getName()), status(resource));
      }
    }
    return statuses;
  }

  /**
   * The resource's status in the API's words: phase, conditions and replicas as the operator
   * reports them, with its lag summary. Throughput, state stores and workers are absent: the
   * operator does not measure them.
   */
  static DeploymentStatus status(GenericKubernetesResource resource) {
    if (resource == null) {
      return notDeployed("no Pipeline resource exists for this pipeline");
    }
    Object raw = resource.getAdditionalProperties().get("status");
    if (raw == null) {
      return notDeployed("the operator has not reported on this Pipeline resource yet");
    }
    PipelineStatus status = PipelineMapper.json().convertValue(raw, PipelineStatus.class);
    Long generation = resource.getMetadata().getGeneration();
    Integer deployed = null;
    // The status counts generations; the revision is the catalog's number for the generation
    // that runs, known when every worker runs the resource's current generation.
    if (status.deployedRevision() != null
        && Objects.equals(status.deployedRevision(), generation)) {
      deployed = PipelineResources.catalogRevision(resource).orElse(null);
    }
    return new DeploymentStatus(
        status.phase() == null ? PipelinePhase.PENDING : status.phase(),
        status.conditions() == null ? List.of() : status.conditions(),
        deployed,
        new DeploymentStatus.Replicas(
            orZero(status.desiredReplicas()),
            orZero(status.readyReplicas()),
            status.replicas(),
            null,
            null),
        lag(status),
        null,
        List.of(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The operator's lag summary; per-partition figures and the sampling time it does not report. */
  private static DeploymentStatus.Lag lag(PipelineStatus status) {
    if (status.lag() == null) {
      return null;
    }
    return new DeploymentStatus.Lag(
        status.lag().totalRecords(),
        status.lag().seconds() == null ? null : status.lag().seconds().doubleValue(),
        status.lag().status() == null ? "UNKNOWN" : status.lag().status().name(),
        null,
        List.of(),
        null);
  }

  private static DeploymentStatus notDeployed(String message) {
    Condition ready =
        new Condition(
            Condition.READY,
            "False",
            ConditionReason.NOT_DEPLOYED.wire(),
            message,
            Instant.now().toString(),
            null);
    return DeploymentStatus.unmeasured(PipelinePhase.PENDING, List.of(ready));
  }

  /**
   * Reads the resource from the API server (not the cache: the write must be based on the newest
   * version), changes it, and writes it against the version read. When the resource changed in
   * between — the control plane's own stamp of a recorded revision, say — the write is made again
   * on the newer version, a few times before the conflict is the caller's.
   *
   * @param createIfMissing false for pause and restart, which need nothing when nothing runs
   */
  private void write(
      PipelineRef pipeline, boolean createIfMissing, Consumer<GenericKubernetesResource> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        writeOnce(pipeline, createIfMissing, change);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == WRITE_ATTEMPTS) {
          throw refused(pipeline, e);
        }
      }
    }
  }

  private void writeOnce(
      PipelineRef pipeline, boolean createIfMissing, Consumer<GenericKubernetesResource> change) {
    Resource<GenericKubernetesResource> target = resource(pipeline);
    GenericKubernetesResource current = target.get();
    if (current == null) {
      if (!createIfMissing) {
        return;
      }
      GenericKubernetesResource created =
          PipelineResources.create(namespace(pipeline.team()), pipeline.name(), pipeline.team());
      change.accept(created);
      clients
          .client()
          .genericKubernetesResources(PipelineResources.DEFINITION)
          .resource(created)
          .create();
      return;
    }
    if (current.getMetadata().getDeletionTimestamp() != null) {
      throw new DeployTargetException(
          name(),
          "the Pipeline resource "
              + current.getMetadata().getNamespace()
              + "/"
              + pipeline.name()
              + " is still being deleted (workers stopping, internal topics and consumer group"
              + " being removed)");
    }
    if (ClusterPipeline.of(current).editedOutOfBand()) {
      throw Problems.conflict(
          "the Pipeline resource "
              + current.getMetadata().getNamespace()
              + "/"
              + pipeline.name()
              + " was changed outside the control plane and the catalog has not recorded that"
              + " change yet; read the pipeline again in a moment and reapply your change");
    }
    change.accept(current);
    clients
        .client()
        .genericKubernetesResources(PipelineResources.DEFINITION)
        .resource(current)
        .update();
  }

  private RuntimeException refused(PipelineRef pipeline, KubernetesClientException e) {
    if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
      return Problems.conflict(
          "the Pipeline resource "
              + pipeline.name()
              + " changed while the control plane wrote it; read the pipeline again and reapply"
              + " your change");
    }
    String what =
        e.getCode() == 0
            ? "the Kubernetes API server did not answer: " + e.getMessage()
            : "the Kubernetes API server answered "
                + e.getCode()
                + ": "
                + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
    return new DeployTargetException(name(), what);
  }

  private Resource<GenericKubernetesResource> resource(PipelineRef pipeline) {
    try {
      return clients
          .client()
          .genericKubernetesResources(PipelineResources.DEFINITION)
          .inNamespace(namespace(pipeline.team()))
          .withName(pipeline.name());
    } catch (RuntimeException e) {
      throw new DeployTargetException(
          name(), "no Kubernetes client could be made: " + e.getMessage());
    }
  }

  /** The team's namespace, from the catalog (in the caller's transaction when there is one). */
  static String namespace(String teamSlug) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                Team.findBySlug(teamSlug)
                    .map(team -> team.namespace)
                    .orElseThrow(() -> Problems.teamNotFound(teamSlug)));
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
