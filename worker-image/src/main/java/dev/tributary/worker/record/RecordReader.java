package dev.tributary.worker.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tributary.pipeline.expr.RecordType;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON record values of one record type: a JSON object whose declared fields are coerced to
 * their types. Fields the type does not declare pass through as read; declared fields may be
 * absent (an expression that needs one dead-letters the record).
 */
public final class RecordReader {

  private final Map<String, Coercion> coercions = new LinkedHashMap<>();
  /** The same coercions, for lookups by field name while a record is read. */
  private final Map<String, Coercion> byName;
  /** Room for the declared fields without resizing. */
  private final int capacity;

  public RecordReader(RecordType type) {
    type.fields().forEach((name, fieldType) -> coercions.put(name, Coercion.to(fieldType)));
    this.byName = new HashMap<>(coercions);
    this.capacity = Math.max(16, (int) Math.ceil(coercions.size() / 0.75) + 1);
  }

  /** The record of a JSON object; never null. */
  public Map<String, Object> read(byte[] bytes) throws MalformedRecordException {
    Map<String, Object> record = readWellFormed(bytes);
    return record != null ? record : readAnyway(bytes);
  }

  /**
   * The common case in one pass: a JSON object whose fields are read and coerced as they come,
   * with the parser and the untyped reading that {@link RecordJson#read} uses. Anything unusual —
   * not an object, a syntax error, a duplicate field, a value that does not coerce, trailing
   * tokens — returns null, and {@link #readAnyway} reads the record again the general way, which
   * gives the same record and the same errors as ever.
   */
  Map<String, Object> readWellFormed(byte[] bytes) {
    try (JsonParser parser = RecordJson.parser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Object> record = new LinkedHashMap<>(capacity);
      int fields = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        Object value =
            switch (parser.nextToken()) {
              case VALUE_STRING -> parser.getText();
              case VALUE_NUMBER_INT -> parser.getLongValue();
              case VALUE_NUMBER_FLOAT -> parser.getNumberValue();
              case VALUE_TRUE -> Boolean.TRUE;
              case VALUE_FALSE -> Boolean.FALSE;
              case VALUE_NULL -> null;
              default -> RecordJson.read(parser);
            };
        Coercion coercion = byName.get(name);
        if (coercion != null && value != null) {
          value = coercion.apply(value);
        }
        record.put(name, value);
        fields++;
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null || record.size() != fields) {
        return null;
      }
      return record;
    } catch (IOException | MalformedRecordException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the whole value, then checks and coerces the declared fields in their order. */
  Map<String, Object> readAnyway(byte[] bytes) throws MalformedRecordException {
    Object value;
    try {
      value = RecordJson.read(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("the value is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRecordException("the value cannot be read: " + e.getMessage());
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new MalformedRecordException(
          "the value is not a JSON object: " + (value == null ? "null" : "a JSON " + kind(value)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) value;
    for (Map.Entry<String, Coercion> field : coercions.entrySet()) {
      Object raw = record.get(field.getKey());
      if (raw == null) {
        continue;
      }
      try {
        Object coerced = field.getValue().apply(raw);
        if (coerced != raw) {
          record.put(field.getKey(), coerced);
        }
      } catch (MalformedRecordException e) {
        throw new MalformedRecordException("field '" + field.getKey() + "' " + e.getMessage());
      }
    }
    return record;
  }

  private static String kind(Object value) {
    return switch (value) {
      case String s -> "string";
      case Boolean b -> "bool";
      case Number n -> "number";
      default -> "array";
    };
  }
}
