package dev.tributary.worker.record;

import com.google.protobuf.ByteString;
import dev.tributary.pipeline.expr.FieldType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a value read from JSON into the Java type CEL expects for a declared field type: {@link
 * Long} for int and timestamp, {@link Double} for double (JSON integers included), {@link
 * ByteString} for bytes (base64 in JSON). Built once per field type; applying it allocates only for
 * values that change.
 */
@FunctionalInterface
interface Coercion {

  /** The value as its declared type; null stays null. */
  Object apply(Object value) throws MalformedRecordException;

  static Coercion to(FieldType type) {
    String name = type.name();
    if (name.startsWith("list<")) {
      return list(to(FieldType.parse(name.substring(5, name.length() - 1)).orElseThrow()));
    }
    if (name.startsWith("map<string,")) {
      return map(to(FieldType.parse(name.substring(11, name.length() - 1)).orElseThrow()));
    }
    return switch (name) {
      case "string" -> v -> expect(v, String.class, "a string");
      case "bool" -> v -> expect(v, Boolean.class, "a bool");
      case "int" -> Coercion::toInt;
      case "double" -> Coercion::toDouble;
      case "timestamp" -> Coercion::toTimestamp;
      case "bytes" -> Coercion::toBytes;
      default -> Coercion::normalize;
    };
  }

  private static Object expect(Object value, Class<?> type, String what)
      throws MalformedRecordException {
    if (value == null || type.isInstance(value)) {
      return value;
    }
    throw mismatch(value, what);
  }

  private static Object toInt(Object value) throws MalformedRecordException {
    if (value == null || value instanceof Long) {
      return value;
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
      return d.longValue();
    }
    throw mismatch(value, "an int");
  }

  private static Object toDouble(Object value) throws MalformedRecordException {
    return switch (value) {
      case null -> null;
      case Double d -> d;
      case Long l -> l.doubleValue();
      case BigInteger b -> b.doubleValue();
      // Jackson writes NaN and the infinities as strings; read them back as numbers.
      case String s when s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity") ->
          Double.valueOf(s);
      default -> throw mismatch(value, "a double");
    };
  }

  private static Object toTimestamp(Object value) throws MalformedRecordException {
    if (value == null || value instanceof Long) {
      return value;
    }
    OptionalLong millis = Timestamps.toEpochMillis(value);
    if (millis.isEmpty()) {
      throw mismatch(
          value, "a timestamp (epoch milliseconds or ISO-8601 such as 2024-05-01T12:00:00Z)");
    }
    return millis.getAsLong();
  }

  private static Object toBytes(Object value) throws MalformedRecordException {
    if (value == null || value instanceof ByteString) {
      return value;
    }
    if (value instanceof String base64) {
      try {
        return ByteString.copyFrom(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw mismatch(value, "bytes in base64");
      }
    }
    throw mismatch(value, "bytes in base64");
  }

  /** Values of type any: numbers out of the range of a long become doubles; the rest stays. */
  private static Object normalize(Object value) {
    return switch (value) {
      case BigInteger b -> b.doubleValue();
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(e -> out.add(normalize(e)));
        yield out;
      }
      case Map<?, ?> map -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, normalize(v)));
        yield out;
      }
      case null, default -> value;
    };
  }

  private static Coercion list(Coercion element) {
    return value -> {
      if (value == null) {
        return null;
      }
      if (!(value instanceof List<?> list)) {
        throw mismatch(value, "a list");
      }
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(element.apply(e));
      }
      return out;
    };
  }

  private static Coercion map(Coercion valueType) {
    return value -> {
      if (value == null) {
        return null;
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw mismatch(value, "an object");
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(e.getKey(), valueType.apply(e.getValue()));
      }
      return out;
    };
  }

  private static MalformedRecordException mismatch(Object value, String what) {
    String shown =
        value instanceof String s ? "\"" + abbreviate(s) + "\"" : abbreviate(String.valueOf(value));
    return new MalformedRecordException("is " + shown + ", not " + what);
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
