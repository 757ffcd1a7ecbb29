package dev.tributary.worker.topology;

import dev.tributary.worker.deadletter.DeadLetters;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.EvaluationException;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Runs a step's {@link RecordFunction} on each record: forwards the values it emits, and a record
 * whose expression fails to the step's dead-letter branch ({@link DeadLetters#attach}). On a
 * table's changes a tombstone passes as is, and a failed row becomes a tombstone so that no stale
 * result stays behind.
 */
final class EvaluatingProcessor<V> implements FixedKeyProcessor<String, Map<String, Object>, V> {

  private final String step;
  private final String at;
  private final DeadLetters deadLetters;
  private final boolean onTable;
  private final RecordFunction<V> function;
  private final Consumer<V> emit = this::emit;
  private FixedKeyProcessorContext<String, V> context;
  private Children<V> children;
  private FixedKeyRecord<String, Map<String, Object>> current;

  /**
   * @param step the step named in dead-letter headers
   * @param at this processor's name
   */
  EvaluatingProcessor(
      String step,
      String at,
      DeadLetters deadLetters,
      boolean onTable,
      RecordFunction<V> function) {
    this.step = step;
    this.at = at;
    this.deadLetters = deadLetters;
    this.onTable = onTable;
    this.function = function;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
    this.children = new Children<>(context, deadLetters, at);
  }

  @Override
  public void process(FixedKeyRecord<String, Map<String, Object>> record) {
    if (record.value() == null) {
      if (onTable) {
        children.forward(record.withValue(null));
      }
      return;
    }
    current = record;
    try {
      function.apply(record.value(), emit);
    } catch (EvaluationException e) {
      DeadLetters.forward(
          context, record, at, new Outcome.Failure(step, e.getMessage(), record.value()));
      if (onTable) {
        children.forward(record.withValue(null));
      }
    } finally {
      current = null;
    }
  }

  private void emit(V value) {
    children.forward(current.withValue(value));
  }
}
