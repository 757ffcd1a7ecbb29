package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.time.Duration;

/** The Jackson mappers for pipeline documents, in JSON and YAML, with the language's durations. */
public final class PipelineMapper {

  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML =
      configure(
          new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build()));

  private PipelineMapper() {}

  public static ObjectMapper json() {
    return JSON;
  }

  public static ObjectMapper yaml() {
    return YAML;
  }

  /** A module that reads and writes {@link Duration} in the language's syntax ({@code 5m}). */
  public static SimpleModule durationModule() {
    SimpleModule module = new SimpleModule("tributary-durations");
    module.addSerializer(
        Duration.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(Durations.format(value));
          }
        });
    module.addDeserializer(
        Duration.class,
        new JsonDeserializer<>() {
          @Override
          public Duration deserialize(JsonParser p, DeserializationContext ctxt)
              throws IOException {
            String text = p.getValueAsString();
            return Durations.parse(text)
                .orElseThrow(
                    () ->
                        ctxt.weirdStringException(
                            text, Duration.class, "expected a duration such as 30s or 5m"));
          }
        });
    return module;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(durationModule())
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }
}
