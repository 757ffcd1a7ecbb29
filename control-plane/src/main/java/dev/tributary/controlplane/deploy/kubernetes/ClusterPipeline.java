package dev.tributary.controlplane.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.controlplane.pipeline.ClusterRecording;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.PipelineSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/** What one {@code Pipeline} resource says, read for the catalog. */
record ClusterPipeline(GenericKubernetesResource resource, JsonNode spec, String specDigest) {

  static ClusterPipeline of(GenericKubernetesResource resource) {
    JsonNode spec = PipelineResources.spec(resource);
    return new ClusterPipeline(resource, spec, digest(spec));
  }

  /**
   * True when the spec is no longer the one the control plane wrote or recorded last (or it never
   * did): someone changed it, and the catalog has not recorded it yet.
   */
  boolean editedOutOfBand() {
    Optional<String> recorded =
        PipelineResources.annotation(resource, PipelineResources.SPEC_DIGEST);
    return recorded.isEmpty() || !recorded.get().equals(specDigest);
  }

  ClusterRecording.Observed observed() {
    return new ClusterRecording.Observed(
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        spec,
        PipelineResources.paused(resource),
        PipelineResources.catalogRevision(resource).orElse(null),
        !editedOutOfBand(),
        PipelineResources.author(resource));
  }

  /** The digest of the spec as the model reads it; null when the model cannot read it. */
  private static String digest(JsonNode spec) {
    if (spec == null || !spec.isObject()) {
      return null;
    }
    try {
      return PipelineResources.digest(PipelineMapper.json().treeToValue(spec, PipelineSpec.class));
    } catch (Exception e) {
      return null;
    }
  }
}
