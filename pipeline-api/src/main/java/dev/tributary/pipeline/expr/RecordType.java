package dev.tributary.pipeline.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The fields of the records flowing out of a source, table or step, in order. */
public record RecordType(Map<String, FieldType> fields) {

  public static final RecordType EMPTY = new RecordType(Map.of());

  public RecordType {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public Set<String> names() {
    return fields.keySet();
  }

  public FieldType type(String field) {
    return fields.get(field);
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }

  /** This type with one more field (replacing a field of the same name). */
  public RecordType with(String field, FieldType type) {
    Map<String, FieldType> copy = new LinkedHashMap<>(fields);
    copy.put(field, type);
    return new RecordType(copy);
  }
}
