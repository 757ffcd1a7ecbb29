package dev.tributary.worker.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The JSON form of records: one mapper for every topic the worker reads or writes. Integers are
 * read as {@link Long} (CEL's int) and trailing garbage after the object is an error. Byte strings,
 * which CEL represents as {@link ByteString}, are written in base64 like byte arrays.
 */
public final class RecordJson {

  private static final ObjectMapper MAPPER =
      // FastDoubleParser: the same doubles as Double.parseDouble, in about half the time
      JsonMapper.builder(
              JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(new SimpleModule("tributary-records").addSerializer(new ByteStringWriter()))
          .build();
  private static final ObjectReader READER = MAPPER.readerFor(Object.class);

  /** For a value inside a document, which more of the document follows. */
  private static final ObjectReader VALUE_READER =
      READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final ObjectWriter WRITER = MAPPER.writer();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  /** Whether the parser parses doubles with FastDoubleParser, for {@link JsonScanner} to do so. */
  static final boolean FAST_DOUBLES = FACTORY.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER);

  private RecordJson() {}

  /** Reads any JSON value: maps, lists, strings, {@link Long}, {@link Double}, booleans, null. */
  static Object read(byte[] bytes) throws IOException {
    return READER.readValue(bytes);
  }

  /** A parser of the same factory, with the same features, as {@link #read}'s. */
  static JsonParser parser(byte[] bytes) throws IOException {
    return FACTORY.createParser(bytes);
  }

  /** Reads the value at the parser's current token, inside a document, as {@link #read} would. */
  static Object read(JsonParser parser) throws IOException {
    return VALUE_READER.readValue(parser);
  }

  /**
   * The JSON object of a record, the same bytes as {@code WRITER.writeValueAsBytes(record)}. A
   * record of strings, longs, finite doubles, bools and nulls, nearly every record, is written by
   * {@link JsonWriter} without a generator; any other by {@link #writeWithGenerator}.
   */
  public static byte[] write(Map<String, Object> record) {
    byte[] json = JsonWriter.write(record);
    return json != null ? json : writeWithGenerator(record);
  }

  /**
   * {@link #write} with Jackson's generator. Strings, numbers, bools and nulls are written with the
   * generator's own methods, as Jackson's serializers for them do; the rest (lists, maps, byte
   * strings) through the mapper: without looking up a serializer per value, and for a {@link
   * Projection} without encoding its field names each time.
   */
  static byte[] writeWithGenerator(Map<String, Object> record) {
    // Buffers as ObjectWriter.writeValueAsBytes takes and gives them back.
    BufferRecycler recycler = FACTORY._getBufferRecycler();
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
      JsonGenerator generator = FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
      generator.writeStartObject();
      if (record instanceof Projection projection) {
        // the names of a projection's layout are encoded once, not per record
        Projection.Layout layout = projection.layout();
        for (int i = 0; i < layout.size(); i++) {
          Object value = projection.slot(i);
          if (value != Projection.ABSENT) {
            generator.writeFieldName(layout.jsonName(i));
            writeValue(generator, value);
          }
        }
      } else {
        // forEach: no entry objects for maps that have none (LinkedHashMap)
        record.forEach(
            (name, value) -> {
              try {
                generator.writeFieldName(name);
                writeValue(generator, value);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      }
      generator.writeEndObject();
      generator.close();
      return bytes.getClearAndRelease();
    } catch (UncheckedIOException e) {
      throw unwritable(e.getCause());
    } catch (IOException e) {
      throw unwritable(e);
    } finally {
      recycler.releaseToPool();
    }
  }

  private static void writeValue(JsonGenerator generator, Object value) throws IOException {
    switch (value) {
      case null -> generator.writeNull();
      case String s -> generator.writeString(s);
      case Long l -> generator.writeNumber(l);
      case Double d -> generator.writeNumber(d);
      case Boolean b -> generator.writeBoolean(b);
      case Object other -> WRITER.writeValue(generator, other);
    }
  }

  private static SerializationException unwritable(IOException e) {
    return new SerializationException("a record cannot be written as JSON: " + e.getMessage(), e);
  }

  /** A JSON text of a value, for keys made of several values. */
  public static String text(Object value) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SerializationException("a value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  private static final class ByteStringWriter extends StdSerializer<ByteString> {
    ByteStringWriter() {
      super(ByteString.class);
    }

    @Override
    public void serialize(ByteString value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeBinary(value.toByteArray());
    }
  }
}
