package dev.tributary.worker.expression;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CEL's runtime values as plain record values: {@code null} for CEL's null, epoch milliseconds for
 * timestamps (the language's representation) and milliseconds for durations, longs for unsigned
 * ints. Strings, numbers, bools and byte strings are already plain and are returned as they are,
 * without allocation.
 */
final class CelValues {

  private CelValues() {}

  static Object toRecordValue(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Long l -> l;
      case Double d -> d;
      case Boolean b -> b;
      case NullValue n -> null;
      case UnsignedLong u -> u.longValue();
      case Timestamp t -> t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
      case Duration d -> d.getSeconds() * 1000 + d.getNanos() / 1_000_000;
      case Optional<?> o -> toRecordValue(o.orElse(null));
      case List<?> list -> list(list);
      case Map<?, ?> map -> map(map);
      default -> value;
    };
  }

  private static List<Object> list(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object e : list) {
      out.add(toRecordValue(e));
    }
    return out;
  }

  private static Map<Object, Object> map(Map<?, ?> map) {
    Map<Object, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(toRecordValue(k), toRecordValue(v)));
    return out;
  }
}
