package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** A Kafka topic read as a stream of events. */
@JsonPropertyOrder({"name", "topic", "format", "key", "fields", "eventTime", "partitions"})
public record SourceSpec(
    @JsonPropertyDescription("Name that steps use to refer to this source (a DNS-1123 label).")
        String name,
    @JsonPropertyDescription("The Kafka topic; it must start with the team's topic prefix.")
        String topic,
    @JsonPropertyDescription("Value format: json (default); avro and protobuf are reserved.")
        Format format,
    @JsonPropertyDescription("How the record key relates to the value.") KeySpec key,
    @JsonPropertyDescription(
            "Declared value fields and their types: string, int, double, bool, timestamp, bytes,"
                + " any, list<T>, map<string,T>. Expressions are type-checked against them.")
        Map<String, String> fields,
    @JsonPropertyDescription("Event time and allowed lateness.") EventTimeSpec eventTime,
    @JsonPropertyDescription(
            "Partitions to create the topic with if it does not exist (never shrunk). Defaults to"
                + " the team's default.")
        Integer partitions) {

  public Format formatOrDefault() {
    return format == null ? Format.JSON : format;
  }
}
