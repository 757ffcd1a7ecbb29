package dev.tributary.worker.topology;

import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.EvaluationException;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Runs a step's {@link RecordFunction} on each record and emits outcomes: the values it emits,
 * or the failure when an expression fails. On a table's changes a tombstone passes as is, and a
 * failed row becomes a tombstone so that no stale result stays behind.
 */
final class EvaluatingProcessor<V>
    implements FixedKeyProcessor<String, Map<String, Object>, Outcome<V>> {

  private final String step;
  private final boolean onTable;
  private final RecordFunction<V> function;
  private final Consumer<V> emit = this::emit;
  private FixedKeyProcessorContext<String, Outcome<V>> context;
  private FixedKeyRecord<String, Map<String, Object>> current;

  EvaluatingProcessor(String step, boolean onTable, RecordFunction<V> function) {
    this.step = step;
    this.onTable = onTable;
    this.function = function;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<V>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Map<String, Object>> record) {
    if (record.value() == null) {
      if (onTable) {
        context.forward(record.withValue(Outcome.ok(null)));
      }
      return;
    }
    current = record;
    try {
      function.apply(record.value(), emit);
    } catch (EvaluationException e) {
      context.forward(record.withValue(Outcome.failed(step, e.getMessage(), record.value())));
      if (onTable) {
        context.forward(record.withValue(Outcome.ok(null)));
      }
    } finally {
      current = null;
    }
  }

  private void emit(V value) {
    context.forward(current.withValue(Outcome.ok(value)));
  }
}
