package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** A compacted Kafka topic read as a table: the latest value per key; null values delete. */
@JsonPropertyOrder({"name", "topic", "format", "key", "fields", "versioned", "partitions"})
public record TableSpec(
    @JsonPropertyDescription("Name that steps use to refer to this table (a DNS-1123 label).")
        String name,
    @JsonPropertyDescription("The compacted Kafka topic; it must start with the team's prefix.")
        String topic,
    @JsonPropertyDescription("Value format: json (default); avro and protobuf are reserved.")
        Format format,
    @JsonPropertyDescription("How the record key relates to the value.") KeySpec key,
    @JsonPropertyDescription("Declared value fields and their types (see sources).")
        Map<String, String> fields,
    @JsonPropertyDescription(
            "Keep a history of values so that stream joins can look the table up as of each"
                + " event's time.")
        VersionedSpec versioned,
    @JsonPropertyDescription("Partitions to create the topic with if it does not exist.")
        Integer partitions) {

  public Format formatOrDefault() {
    return format == null ? Format.JSON : format;
  }
}
