package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A pipeline as a team writes it: the same document is accepted by the REST API (JSON or YAML), by
 * {@code kubectl apply} (where {@link #spec()} becomes the custom resource's spec) and by the
 * worker (a mounted file).
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public record PipelineDocument(
    @JsonPropertyDescription("Version of the pipeline language: tributary.dev/v1alpha1.")
        String apiVersion,
    @JsonPropertyDescription("Always Pipeline.") String kind,
    @JsonPropertyDescription("Name, owning team and labels of the pipeline.")
        PipelineMetadata metadata,
    @JsonPropertyDescription("What the pipeline reads, computes and writes.") PipelineSpec spec) {

  public static final String API_VERSION = "tributary.dev/v1alpha1";
  public static final String KIND = "Pipeline";
}
