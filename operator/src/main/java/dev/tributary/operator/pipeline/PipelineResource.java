package dev.tributary.operator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.pipeline.crd.Pipeline;
import dev.tributary.pipeline.crd.PipelineStatus;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Pipeline} custom resource as the operator reads it: the kind {@link Pipeline} defines
 * (and the CRD is generated from), with the spec kept as the JSON tree the user wrote.
 *
 * <p>The API server checks a spec only against the CRD's schema, which takes any text where the
 * language wants a duration. Read into {@link Pipeline}'s typed spec, a misspelt {@code
 * commitInterval} would fail in the informer, and the user would see nothing at all. Read as a
 * tree, it reaches {@code PipelineValidator}, which answers with every error, its path and its
 * code, in the resource's status.
 */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@Kind("Pipeline")
@Plural("pipelines")
@Singular("pipeline")
public class PipelineResource extends CustomResource<JsonNode, PipelineStatus>
    implements Namespaced {}
