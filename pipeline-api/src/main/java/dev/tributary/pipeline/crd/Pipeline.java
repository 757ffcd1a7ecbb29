package dev.tributary.pipeline.crd;

import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMetadata;
import dev.tributary.pipeline.spec.PipelineSpec;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Pipeline} custom resource: the desired state of one pipeline in a team's namespace.
 * Its spec is the pipeline language's {@link PipelineSpec}; the team is the namespace's owner.
 */
@Group(Pipeline.GROUP)
@Version(Pipeline.VERSION)
@Kind("Pipeline")
@Plural("pipelines")
@Singular("pipeline")
@ShortNames("tpl")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Replicas",
    jsonPath = ".status.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Lag",
    jsonPath = ".status.lag.totalRecords",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Revision",
    jsonPath = ".status.deployedRevision",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Pipeline extends CustomResource<PipelineSpec, PipelineStatus> implements Namespaced {

  public static final String GROUP = "tributary.dev";
  public static final String VERSION = "v1alpha1";

  /** The pipeline document this resource stands for, as the validator and the worker read it. */
  public PipelineDocument toDocument(String team) {
    return new PipelineDocument(
        PipelineDocument.API_VERSION,
        PipelineDocument.KIND,
        new PipelineMetadata(getMetadata().getName(), team, null, getMetadata().getLabels()),
        getSpec());
  }
}
