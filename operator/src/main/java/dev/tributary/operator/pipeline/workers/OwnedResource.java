package dev.tributary.operator.pipeline.workers;

import dev.tributary.operator.pipeline.PipelineResource;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource of a pipeline's workload, owned by the {@code Pipeline} (so Kubernetes removes it with
 * the pipeline), built by a pure function from the {@link WorkerPlan} — and, where a rollout must
 * not overlap old and new workers, from what exists now.
 *
 * <p>Writing is level-based and idempotent: the desired resource carries a digest of itself ({@link
 * WorkerAnnotations#DESIRED_DIGEST}), and it is written only when the digest differs from the one
 * the existing resource carries, or when a field the operator sets was changed by someone else.
 * Fields the API server fills in with defaults never cause a write. Server-side apply would make
 * the digest unnecessary; the operator updates with the resource version instead because the
 * Kubernetes mock server its tests run against does not implement server-side apply
 * (docs/kubernetes.md).
 */
public abstract class OwnedResource<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, PipelineResource> {

  protected OwnedResource(Class<R> type) {
    super(type);
  }

  /** The resource as the plan wants it, given what exists now (null when nothing does). */
  protected abstract R build(WorkerPlan plan, R actual);

  /** The resource's name, which follows from the pipeline's alone. */
  protected abstract String name(PipelineResource primary);

  /**
   * Found by name, not by building the desired resource, which needs the existing one: the
   * framework would otherwise build it while building it.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      PipelineResource primary, Context<PipelineResource> context) {
    return new ResourceID(name(primary), primary.getMetadata().getNamespace());
  }

  /**
   * Fields of the existing resource that must be kept as they are (the API server refuses to change
   * them) or that the server writes in a form of its own (quantities); called after the digest.
   */
  protected void keepFromActual(R desired, R actual) {}

  @Override
  protected final R desired(PipelineResource primary, Context<PipelineResource> context) {
    R actual = getSecondaryResource(primary, context).orElse(null);
    R desired = build(WorkerPlan.from(context), actual);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.put(
        WorkerAnnotations.DESIRED_DIGEST,
        WorkerPlan.sha256(context.getClient().getKubernetesSerialization().asJson(desired)));
    desired.getMetadata().setAnnotations(annotations);
    if (actual != null) {
      keepFromActual(desired, actual);
    }
    return desired;
  }

  /**
   * Deleted in the foreground: the resource stays, marked for deletion, until what it owns is gone
   * — for a workload, its pods — so that whoever waits for it to disappear waits for them too.
   */
  @Override
  protected void handleDelete(
      PipelineResource primary, R secondary, Context<PipelineResource> context) {
    if (secondary != null) {
      context
          .getClient()
          .resource(secondary)
          .withPropagationPolicy(DeletionPropagation.FOREGROUND)
          .delete();
    }
  }

  /** The pipeline is the resource's controller: {@code kubectl} shows it as "Controlled By". */
  @Override
  protected void addReferenceHandlingMetadata(R desired, PipelineResource primary) {
    super.addReferenceHandlingMetadata(desired, primary);
    for (OwnerReference owner : desired.getMetadata().getOwnerReferences()) {
      if (Objects.equals(owner.getUid(), primary.getMetadata().getUid())) {
        owner.setController(true);
        owner.setBlockOwnerDeletion(true);
      }
    }
  }

  @Override
  public Result<R> match(
      R actual, R desired, PipelineResource primary, Context<PipelineResource> context) {
    addMetadata(true, actual, desired, primary, context);
    boolean sameDigest = Objects.equals(digest(actual).orElse(null), digest(desired).orElse(null));
    boolean untouched =
        GenericKubernetesResourceMatcher.match(desired, actual, false, false, context).matched();
    return Result.computed(sameDigest && untouched, desired);
  }

  private static Optional<String> digest(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return Optional.ofNullable(
        annotations == null ? null : annotations.get(WorkerAnnotations.DESIRED_DIGEST));
  }
}
