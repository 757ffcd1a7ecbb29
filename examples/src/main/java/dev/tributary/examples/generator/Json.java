package dev.tributary.examples.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** JSON text of a record's fields, in the order given. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String of(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON-serialisable: " + fields, e);
    }
  }

  /** Rounds to cents, as amounts are written. */
  static double cents(double amount) {
    return Math.round(amount * 100.0) / 100.0;
  }
}
