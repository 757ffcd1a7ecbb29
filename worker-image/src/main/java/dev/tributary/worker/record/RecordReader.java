package dev.tributary.worker.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.pipeline.expr.RecordType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON record values of one record type: a JSON object whose declared fields are coerced to
 * their types. Fields the type does not declare pass through as read; declared fields may be
 * absent (an expression that needs one dead-letters the record).
 */
public final class RecordReader {

  private final Map<String, Coercion> coercions = new LinkedHashMap<>();

  public RecordReader(RecordType type) {
    type.fields().forEach((name, fieldType) -> coercions.put(name, Coercion.to(fieldType)));
  }

  /** The record of a JSON object; never null. */
  public Map<String, Object> read(byte[] bytes) throws MalformedRecordException {
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
