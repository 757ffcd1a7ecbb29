package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The body of a pipeline: inputs (sources and tables), steps between them, outputs (sinks). */
@JsonPropertyOrder({"sources", "tables", "steps", "sinks", "deadLetter", "runtime", "upgrade"})
public record PipelineSpec(
    @JsonPropertyDescription("Kafka topics read as streams of events.") List<SourceSpec> sources,
    @JsonPropertyDescription(
            "Compacted Kafka topics read as tables: the latest value per key (optionally with"
                + " history, for joins as of an event's time).")
        List<TableSpec> tables,
    @JsonPropertyDescription("Processing steps; each names its input(s). Order does not matter.")
        List<StepSpec> steps,
    @JsonPropertyDescription("Kafka topics the pipeline writes to.") List<SinkSpec> sinks,
    @JsonPropertyDescription(
            "Where records that cannot be read or evaluated go, with headers saying why.")
        DeadLetterSpec deadLetter,
    @JsonPropertyDescription("How the pipeline runs: guarantees, replicas, autoscaling, resources.")
        RuntimeSpec runtime,
    @JsonPropertyDescription(
            "How an update to the running pipeline treats its state: keep it or start afresh, and"
                + " from which offsets.")
        UpgradeSpec upgrade) {

  public List<SourceSpec> sourcesOrEmpty() {
    return sources == null ? List.of() : sources;
  }

  public List<TableSpec> tablesOrEmpty() {
    return tables == null ? List.of() : tables;
  }

  public List<StepSpec> stepsOrEmpty() {
    return steps == null ? List.of() : steps;
  }

  public List<SinkSpec> sinksOrEmpty() {
    return sinks == null ? List.of() : sinks;
  }

  public RuntimeSpec runtimeOrDefault() {
    return runtime == null ? RuntimeSpec.DEFAULT : runtime;
  }
}
