package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.validation.JoinPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.kstream.ValueJoiner;

/**
 * The merged record of a join, as {@link JoinPlan#scope()} describes it: the left record's fields,
 * then the right record's declared fields under their names in the scope. A missing side (left,
 * outer joins, a deleted row) gives nulls for its declared fields.
 */
final class JoinMerge
    implements ValueJoiner<Map<String, Object>, Map<String, Object>, Map<String, Object>> {

  private final String[] leftFields;
  private final String[] rightFields;
  private final String[] rightNames;
  private final int capacity;

  JoinMerge(RecordType left, JoinPlan plan) {
    this.leftFields = left.names().toArray(String[]::new);
    this.rightFields = plan.rightNames().keySet().toArray(String[]::new);
    this.rightNames = plan.rightNames().values().toArray(String[]::new);
    this.capacity = (int) Math.ceil(plan.scope().names().size() / 0.75) + 1;
  }

  @Override
  public Map<String, Object> apply(Map<String, Object> left, Map<String, Object> right) {
    Map<String, Object> merged;
    if (left == null) {
      merged = new LinkedHashMap<>(capacity);
      for (String field : leftFields) {
        merged.put(field, null);
      }
    } else {
      // Sized for the merged record: a copy constructor would size for the left one and resize.
      merged = new LinkedHashMap<>(capacity);
      merged.putAll(left);
    }
    for (int i = 0; i < rightFields.length; i++) {
      merged.put(rightNames[i], right == null ? null : right.get(rightFields[i]));
    }
    return merged;
  }
}
