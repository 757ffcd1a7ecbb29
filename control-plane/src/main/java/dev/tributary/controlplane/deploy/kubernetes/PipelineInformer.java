package dev.tributary.controlplane.deploy.kubernetes;

import dev.tributary.controlplane.deploy.DeployTargetConfig;
import dev.tributary.controlplane.pipeline.ClusterRecording;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Watches every {@code Pipeline} resource (a shared informer: one list, then a watch) when the
 * target is {@code kubernetes}. Its cache answers the status of pipelines; its events go, one at a
 * time and in order, to the catalog ({@link ClusterRecording}), which records what changed outside
 * the control plane. A change recorded that way is stamped on the resource (its revision and spec
 * digest annotations), so that the control plane's next write knows it is based on it.
 */
@ApplicationScoped
public class PipelineInformer {

  private static final Logger LOG = Logger.getLogger(PipelineInformer.class);

  @Inject DeployTargetConfig target;
  @Inject KubernetesTargetConfig config;
  @Inject KubernetesClients clients;
  @Inject ClusterRecording recording;

  private volatile SharedIndexInformer<GenericKubernetesResource> informer;

  /** One thread: the events of one resource are recorded in the order they happened. */
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "pipeline-informer-events"));

  void onStart(@Observes StartupEvent event) {
    if (target.target() != DeployTargetConfig.Kind.KUBERNETES) {
      return;
    }
    start();
  }

  synchronized void start() {
    if (informer != null) {
      return;
    }
    informer =
        clients
            .client()
            .genericKubernetesResources(PipelineResources.DEFINITION)
            .inAnyNamespace()
            .runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource resource) {
            events.execute(() -> changed(resource));
          }

          @Override
          public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            events.execute(() -> changed(after));
          }

          @Override
          public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            events.execute(() -> deleted(resource));
          }
        });
    try {
      informer
          .start()
          .toCompletableFuture()
          .get(config.syncTimeout().toMillis(), TimeUnit.MILLISECONDS);
      LOG.infof(
          "kubernetes deploy target: %d Pipeline resources found",
          informer.getStore().list().size());
    } catch (TimeoutException e) {
      LOG.warnf(
          "kubernetes deploy target: the Pipeline resources were not listed within %s; the informer"
              + " keeps trying",
          config.syncTimeout());
    } catch (Exception e) {
      LOG.errorf(
          "kubernetes deploy target: the Pipeline resources cannot be listed: %s", e.toString());
    }
  }

  /** The resource as last seen, when the informer has seen it. */
  public Optional<GenericKubernetesResource> cached(String namespace, String name) {
    SharedIndexInformer<GenericKubernetesResource> running = informer;
    if (running == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(running.getStore().getByKey(namespace + "/" + name));
  }

  public List<GenericKubernetesResource> all() {
    SharedIndexInformer<GenericKubernetesResource> running = informer;
    return running == null ? List.of() : running.getStore().list();
  }

  /** True once the first list is in the cache. */
  public boolean synced() {
    SharedIndexInformer<GenericKubernetesResource> running = informer;
    return running != null && running.hasSynced();
  }

  /** Waits until every event received so far is recorded (for tests and shutdown). */
  public void drain(long timeoutMillis) throws Exception {
    events.submit(() -> {}).get(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void changed(GenericKubernetesResource resource) {
    if (resource.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    try {
      ClusterPipeline pipeline = ClusterPipeline.of(resource);
      Optional<Integer> revision = recording.record(pipeline.observed());
      if (revision.isPresent()
          && (pipeline.editedOutOfBand()
              || !revision.equals(PipelineResources.catalogRevision(resource)))
          && pipeline.specDigest() != null) {
        stamp(resource, revision.get(), pipeline.specDigest());
      }
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "%s/%s: the Pipeline resource could not be recorded in the catalog",
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
    }
  }

  private void deleted(GenericKubernetesResource resource) {
    try {
      recording.deleted(
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          PipelineResources.author(resource));
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "%s/%s: the deletion of the Pipeline resource could not be recorded",
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
    }
  }

  /**
   * Writes the recorded revision onto the resource, against the version that was recorded: when it
   * changed meanwhile (409), the next event records and stamps the newer one. A merge patch of the
   * two annotations, so that nothing else of the resource is written back: a stale event can never
   * undo what a later write (a resume, an update) changed.
   */
  private void stamp(GenericKubernetesResource resource, int revision, String digest) {
    Map<String, Object> patch =
        Map.of(
            "metadata",
            Map.of(
                "resourceVersion",
                resource.getMetadata().getResourceVersion(),
                "annotations",
                Map.of(
                    PipelineResources.CATALOG_REVISION,
                    Integer.toString(revision),
                    PipelineResources.SPEC_DIGEST,
                    digest)));
    try {
      clients
          .client()
          .genericKubernetesResources(PipelineResources.DEFINITION)
          .inNamespace(resource.getMetadata().getNamespace())
          .withName(resource.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              clients.client().getKubernetesSerialization().asJson(patch));
    } catch (KubernetesClientException e) {
      LOG.debugf(
          "%s/%s: revision %d not stamped: %s",
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          revision,
          e.getMessage());
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    SharedIndexInformer<GenericKubernetesResource> running = informer;
    if (running != null) {
      running.stop();
    }
    events.shutdownNow();
  }
}
