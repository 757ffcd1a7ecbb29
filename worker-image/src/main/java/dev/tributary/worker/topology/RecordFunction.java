package dev.tributary.worker.topology;

import dev.tributary.worker.expression.EvaluationException;
import java.util.Map;
import java.util.function.Consumer;

/** What a step does to one record: emits zero or more values, or fails. */
@FunctionalInterface
interface RecordFunction<V> {

  /**
   * @param record the input record's fields; never null
   * @param emit receives each output value (null emits a tombstone, for tables)
   * @throws EvaluationException when an expression fails; the record is dead-lettered
   */
  void apply(Map<String, Object> record, Consumer<V> emit) throws EvaluationException;
}
