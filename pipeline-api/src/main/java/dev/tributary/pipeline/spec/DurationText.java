package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * Marks a {@link Duration} written in the language's syntax ({@code 5m}). The annotation travels
 * with the model, so every mapper that reads a spec — ours, fabric8's in the operator, Quarkus' in
 * the control plane — reads and writes durations alike, and the CRD generator describes them as
 * plain strings.
 */
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSerialize(using = DurationText.Writer.class)
@JsonDeserialize(using = DurationText.Reader.class)
public @interface DurationText {

  /** Writes a duration as {@code 5m}. */
  final class Writer extends StdScalarSerializer<Duration> {
    public Writer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(Durations.format(value));
    }
  }

  /** Reads {@code 5m}; anything else is an error naming the expected syntax. */
  final class Reader extends StdScalarDeserializer<Duration> {
    public Reader() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      return Durations.parse(text)
          .orElseThrow(
              () ->
                  ctxt.weirdStringException(
                      text, Duration.class, "expected a duration such as 30s or 5m"));
    }
  }
}
