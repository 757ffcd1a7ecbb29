package dev.tributary.pipeline.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.tributary.pipeline.spec.Durations;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Generates the published JSON Schema of the pipeline language from the model classes. The result
 * is checked in (the validator loads it); {@code PipelineSchemaIsCurrentTest} fails when it is
 * stale, and running this class's main writes it anew.
 */
public final class PipelineSchemaGenerator {

  public static final Path CHECKED_IN =
      Path.of("src/main/resources/dev/tributary/pipeline/pipeline-v1alpha1.schema.json");

  /** Fields a document must have for its structure to make sense; the rest has defaults. */
  private static final Set<String> REQUIRED =
      Set.of(
          "PipelineDocument.apiVersion",
          "PipelineDocument.kind",
          "PipelineDocument.metadata",
          "PipelineDocument.spec",
          "PipelineMetadata.name",
          "SourceSpec.name",
          "SourceSpec.topic",
          "TableSpec.name",
          "TableSpec.topic",
          "StepSpec.name",
          "StepSpec.input",
          "SinkSpec.name",
          "SinkSpec.input",
          "SinkSpec.topic",
          "BranchSpec.name",
          "AggregationSpec.fn",
          "WindowSpec.type",
          "ExplodeSpec.items",
          "ExplodeSpec.as",
          "JoinSpec.with",
          "DeduplicateSpec.within");

  private PipelineSchemaGenerator() {}

  public static String generate() throws IOException {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    config
        .forTypesInGeneral()
        .withCustomDefinitionProvider(
            (type, context) -> {
              if (type.getErasedType() != Duration.class) {
                return null;
              }
              ObjectNode duration = context.getGeneratorConfig().createObjectNode();
              duration.put("type", "string");
              duration.put("pattern", Durations.PATTERN);
              duration.put("description", "A duration: a whole number and ms, s, m, h or d.");
              return new CustomDefinition(duration);
            });
    config
        .forFields()
        .withRequiredCheck(
            field ->
                REQUIRED.contains(
                    field.getDeclaringType().getErasedType().getSimpleName()
                        + "."
                        + field.getName()));
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(PipelineDocument.class);
    ObjectNode published = PipelineMapper.json().createObjectNode();
    published.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    published.put("$id", "https://tributary.dev/schemas/pipeline-v1alpha1.schema.json");
    published.put("title", "Tributary Pipeline (tributary.dev/v1alpha1)");
    published.setAll(schema);
    return PipelineMapper.json().writerWithDefaultPrettyPrinter().writeValueAsString(published)
        + "\n";
  }

  public static void main(String[] args) throws IOException {
    Files.writeString(CHECKED_IN, generate());
    System.out.println("wrote " + CHECKED_IN.toAbsolutePath());
  }
}
