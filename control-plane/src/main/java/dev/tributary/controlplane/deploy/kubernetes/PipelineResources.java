package dev.tributary.controlplane.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.pipeline.crd.Pipeline;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Pipeline} resources as the control plane reads and writes them: generic resources whose
 * spec stays a JSON tree, as the operator reads them, so that a spec the language refuses is still
 * seen (and recorded as refused) instead of failing in the informer.
 */
public final class PipelineResources {

  public static final ResourceDefinitionContext DEFINITION =
      new ResourceDefinitionContext.Builder()
          .withGroup(Pipeline.GROUP)
          .withVersion(Pipeline.VERSION)
          .withKind("Pipeline")
          .withPlural("pipelines")
          .withNamespaced(true)
          .build();

  public static final String API_VERSION = Pipeline.GROUP + "/" + Pipeline.VERSION;

  /** The operator's annotations (docs/kubernetes.md "Pause, resume, restart"). */
  public static final String PAUSED = "tributary.dev/paused";

  public static final String RESTARTED_AT = "tributary.dev/restartedAt";

  /** Set to a new value, the operator replaces the workers' Kafka user. */
  public static final String ROTATE_KAFKA_CREDENTIAL = "tributary.dev/rotateKafkaCredential";

  /** The catalog revision the control plane wrote, or recorded from the cluster. */
  public static final String CATALOG_REVISION = "tributary.dev/catalog-revision";

  /** SHA-256 of the spec of {@link #CATALOG_REVISION}: a spec that no longer matches was edited. */
  public static final String SPEC_DIGEST = "tributary.dev/spec-digest";

  /** Who made an out-of-band change, when a person or tool says so. */
  public static final String AUTHOR = "tributary.dev/author";

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String CONTROL_PLANE = "tributary-control-plane";
  public static final String TEAM = "tributary.dev/team";

  /**
   * The generation of the pipeline's state the operator runs: a new one starts with its own
   * application id from the offsets handed over by the one that ran (docs/upgrades.md).
   */
  public static final String STATE_GENERATION = "tributary.dev/state-generation";

  private PipelineResources() {}

  /** The spec of the model as the JSON tree the resource holds. */
  public static JsonNode specTree(PipelineSpec spec) {
    return PipelineMapper.json().valueToTree(spec);
  }

  /** The digest of a spec, over the model's canonical JSON: equal specs, equal digests. */
  public static String digest(PipelineSpec spec) {
    try {
      byte[] json = PipelineMapper.json().writeValueAsBytes(spec);
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json))
          .substring(0, 32);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new resource for a pipeline of the catalog. */
  public static GenericKubernetesResource create(String namespace, String name, String team) {
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(API_VERSION);
    resource.setKind("Pipeline");
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setNamespace(namespace);
    metadata.setLabels(new LinkedHashMap<>(Map.of(MANAGED_BY, CONTROL_PLANE, TEAM, team)));
    metadata.setAnnotations(new LinkedHashMap<>());
    resource.setMetadata(metadata);
    return resource;
  }

  /**
   * Sets the spec, the revision it stands for and the generation of the state it runs with; other
   * annotations and labels stay.
   */
  public static void setRevision(
      GenericKubernetesResource resource, int revision, ValidatedPipeline pipeline) {
    setRevision(resource, revision, pipeline.spec());
    if (pipeline.stateGeneration() > 1 || annotation(resource, STATE_GENERATION).isPresent()) {
      annotations(resource).put(STATE_GENERATION, Integer.toString(pipeline.stateGeneration()));
    }
  }

  /** Sets the spec and the revision it stands for; other annotations and labels stay. */
  public static void setRevision(
      GenericKubernetesResource resource, int revision, PipelineSpec spec) {
    resource.setAdditionalProperty(
        "spec", PipelineMapper.json().convertValue(specTree(spec), Map.class));
    annotations(resource).put(CATALOG_REVISION, Integer.toString(revision));
    annotations(resource).put(SPEC_DIGEST, digest(spec));
  }

  /** The resource's annotations, made modifiable. */
  public static Map<String, String> annotations(GenericKubernetesResource resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    if (annotations == null) {
      annotations = new LinkedHashMap<>();
      resource.getMetadata().setAnnotations(annotations);
    } else if (!(annotations instanceof LinkedHashMap)) {
      annotations = new LinkedHashMap<>(annotations);
      resource.getMetadata().setAnnotations(annotations);
    }
    return annotations;
  }

  public static Optional<String> annotation(GenericKubernetesResource resource, String key) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }

  public static boolean paused(GenericKubernetesResource resource) {
    return annotation(resource, PAUSED).map("true"::equalsIgnoreCase).orElse(false);
  }

  /** The revision the control plane wrote or recorded for this resource, when it says one. */
  public static Optional<Integer> catalogRevision(GenericKubernetesResource resource) {
    try {
      return annotation(resource, CATALOG_REVISION).map(Integer::valueOf);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The spec as the API server stored it, or null. */
  public static JsonNode spec(GenericKubernetesResource resource) {
    Object spec = resource.getAdditionalProperties().get("spec");
    return spec == null ? null : PipelineMapper.json().valueToTree(spec);
  }

  /**
   * The resource as a document of the language, as the operator builds it: name and team from the
   * resource and its namespace, the spec as stored. Description and labels come from the catalog
   * (the resource has no place for them), so that a change of spec alone is compared.
   */
  public static ObjectNode document(
      String name, String team, JsonNode spec, String description, JsonNode labels) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode tree = json.objectNode();
    tree.put("apiVersion", PipelineDocument.API_VERSION);
    tree.put("kind", PipelineDocument.KIND);
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", name);
    metadata.put("team", team);
    if (description != null) {
      metadata.put("description", description);
    }
    if (labels != null && !labels.isNull()) {
      metadata.set("labels", labels);
    }
    tree.set("spec", spec == null ? json.nullNode() : spec.deepCopy());
    return tree;
  }

  /**
   * Who changed the resource last, as far as the resource tells: the {@link #AUTHOR} annotation
   * when a person or tool set it, else the field manager of the newest {@code managedFields} entry
   * (a program such as {@code kubectl-client-side-apply}, not a person: the API server records no
   * user there), else {@code kubectl}.
   */
  public static String author(GenericKubernetesResource resource) {
    Optional<String> annotated = annotation(resource, AUTHOR).filter(a -> !a.isBlank());
    if (annotated.isPresent()) {
      return annotated.get().strip();
    }
    List<ManagedFieldsEntry> entries = resource.getMetadata().getManagedFields();
    if (entries != null) {
      return entries.stream()
          .filter(e -> e.getManager() != null && e.getTime() != null)
          .max(Comparator.comparing(ManagedFieldsEntry::getTime))
          .map(e -> "kubectl (field manager " + e.getManager() + ")")
          .orElse("kubectl");
    }
    return "kubectl";
  }
}
