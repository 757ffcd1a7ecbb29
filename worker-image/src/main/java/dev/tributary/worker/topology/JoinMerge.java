package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.worker.record.Projection;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.kstream.ValueJoiner;

/**
 * The merged record of a join, as {@link JoinPlan#scope()} describes it: the left record's fields,
 * then the right record's declared fields under their names in the scope. A missing side (left,
 * outer joins, a deleted row) gives nulls for its declared fields.
 */
final class JoinMerge
    implements ValueJoiner<Map<String, Object>, Map<String, Object>, Map<String, Object>> {

  private final String[] leftFields;
  private final Set<String> leftFieldSet;
  private final String[] rightFields;
  private final String[] rightNames;

  /** Index in {@link #rightFields} of each right field's name in the scope. */
  private final Map<String, Integer> rightIndex = new HashMap<>();

  private final int capacity;

  JoinMerge(RecordType left, JoinPlan plan) {
    // names interned, as the parser's and the expressions' are, to be compared by identity
    this.leftFields = interned(left.names());
    this.leftFieldSet = Set.of(leftFields);
    this.rightFields = interned(plan.rightNames().keySet());
    this.rightNames = interned(plan.rightNames().values());
    for (int i = 0; i < rightNames.length; i++) {
      rightIndex.put(rightNames[i], i);
    }
    this.capacity = (int) Math.ceil(plan.scope().names().size() / 0.75) + 1;
  }

  private static String[] interned(Collection<String> names) {
    return names.stream().map(String::intern).toArray(String[]::new);
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
      // the whole left record, where its parse kept only the fields a select reads
      merged.putAll(Projection.whole(left));
    }
    for (int i = 0; i < rightFields.length; i++) {
      merged.put(rightNames[i], right == null ? null : right.get(rightFields[i]));
    }
    return merged;
  }

  /**
   * The merged record as a view of the two sides, for a join's {@code select}, which reads a few
   * fields and makes a record of its own: no copy of both sides per joined record.
   */
  Map<String, Object> view(Map<String, Object> left, Map<String, Object> right) {
    return new Merged(left, right);
  }

  /**
   * Reads ({@code get}, {@code containsKey}) look at the two sides; anything else (iteration, size,
   * writing the record as a dead letter) works on the copy {@link #apply} makes, made on first use.
   * Read-only, as every step treats its input.
   */
  private final class Merged extends AbstractMap<String, Object> {
    private final Map<String, Object> left;
    private final Map<String, Object> right;
    private Map<String, Object> copy;

    Merged(Map<String, Object> left, Map<String, Object> right) {
      this.left = left;
      this.right = right;
    }

    @Override
    public Object get(Object name) {
      Integer i = rightIndex.get(name);
      if (i != null) {
        return right == null ? null : right.get(rightFields[i]);
      }
      return left == null ? null : left.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
      if (rightIndex.containsKey(name)) {
        return true;
      }
      return left == null ? leftFieldSet.contains(name) : left.containsKey(name);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      if (copy == null) {
        // the whole row, where the table's store read back only the fields the select reads
        copy = apply(left, right == null ? null : Projection.whole(right));
      }
      return copy.entrySet();
    }
  }
}
