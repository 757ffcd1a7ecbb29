package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A topic the pipeline writes its input to. */
@JsonPropertyOrder({"name", "input", "topic", "format", "key", "partitions"})
public record SinkSpec(
    @JsonPropertyDescription("Name of the sink (a DNS-1123 label).") String name,
    @JsonPropertyDescription("What is written: a source, table, step or step.branch.") String input,
    @JsonPropertyDescription("The Kafka topic; it must start with the team's topic prefix.")
        String topic,
    @JsonPropertyDescription("Value format: json (default).") Format format,
    @JsonPropertyDescription("CEL expression for the output record key. Default: the input's key.")
        String key,
    @JsonPropertyDescription("Partitions to create the topic with if it does not exist.")
        Integer partitions) {

  public Format formatOrDefault() {
    return format == null ? Format.JSON : format;
  }
}
