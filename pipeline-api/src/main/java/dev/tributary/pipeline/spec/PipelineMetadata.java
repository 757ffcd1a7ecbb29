package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Identity of a pipeline. In Kubernetes this is the custom resource's own metadata. */
public record PipelineMetadata(
    @JsonPropertyDescription(
            "Name of the pipeline: a DNS-1123 label (lower-case letters, digits and '-', at most 63"
                + " characters, starting with a letter).")
        String name,
    @JsonPropertyDescription(
            "Slug of the owning team. Optional in the document: the API takes it from the URL and"
                + " the operator from the namespace; when present it must agree with them.")
        String team,
    @JsonPropertyDescription("What the pipeline is for, for people reading the catalog.")
        String description,
    @JsonPropertyDescription("Free-form labels, as in Kubernetes.") Map<String, String> labels) {}
