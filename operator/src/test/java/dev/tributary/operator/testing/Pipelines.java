package dev.tributary.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.pipeline.spec.PipelineMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code Pipeline} resources made from pipeline documents, as {@code kubectl apply} would send. */
public final class Pipelines {

  private Pipelines() {}

  /** The resource of a document: its {@code spec}, named {@code name} in {@code namespace}. */
  public static PipelineResource resource(String namespace, String name, String document) {
    PipelineResource resource = new PipelineResource();
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    resource.setSpec(spec(document));
    return resource;
  }

  public static JsonNode spec(String document) {
    try {
      return PipelineMapper.yaml().readTree(document).get("spec");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
