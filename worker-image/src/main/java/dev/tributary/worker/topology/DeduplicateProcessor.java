package dev.tributary.worker.topology;

import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.expression.StepExpression;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Passes a record unless a record with the same identity passed within {@code within} of its event
 * time, before or after (records can arrive out of order). The store holds the event time of each
 * identity that passed; its retention forgets identities on its own.
 */
final class DeduplicateProcessor
    implements FixedKeyProcessor<String, Map<String, Object>, Outcome<Map<String, Object>>> {

  private final String step;
  private final StepExpression identity;
  private final long withinMillis;
  private final String storeName;
  private FixedKeyProcessorContext<String, Outcome<Map<String, Object>>> context;
  private WindowStore<String, Long> seen;

  /**
   * @param identity the identity expression, or null for the record key
   */
  DeduplicateProcessor(String step, StepExpression identity, long withinMillis, String storeName) {
    this.step = step;
    this.identity = identity;
    this.withinMillis = withinMillis;
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<Map<String, Object>>> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, Map<String, Object>> record) {
    String id;
    try {
      id = identity == null ? record.key() : identity.key(record.value());
    } catch (EvaluationException e) {
      context.forward(record.withValue(Outcome.failed(step, e.getMessage(), record.value())));
      return;
    }
    if (id == null) {
      context.forward(
          record.withValue(
              Outcome.failed(step, "the record has no key to deduplicate by", record.value())));
      return;
    }
    long eventTime = record.timestamp();
    try (WindowStoreIterator<Long> earlier =
        seen.fetch(id, eventTime - withinMillis, eventTime + withinMillis)) {
      if (earlier.hasNext()) {
        return;
      }
    }
    seen.put(id, eventTime, eventTime);
    context.forward(record.withValue(Outcome.ok(record.value())));
  }
}
