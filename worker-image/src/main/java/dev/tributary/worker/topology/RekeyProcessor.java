package dev.tributary.worker.topology;

import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.expression.StepExpression;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Gives each record the key its expression computes. A failed record keeps its key on its way to
 * the dead-letter topic. Tombstones (from a table's changes) have no fields to compute a key from
 * and are dropped.
 */
final class RekeyProcessor
    implements Processor<String, Map<String, Object>, String, Outcome<Map<String, Object>>> {

  private final String step;
  private final StepExpression key;
  private ProcessorContext<String, Outcome<Map<String, Object>>> context;

  RekeyProcessor(String step, StepExpression key) {
    this.step = step;
    this.key = key;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<Map<String, Object>>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Map<String, Object>> record) {
    if (record.value() == null) {
      return;
    }
    try {
      String newKey = key.key(record.value());
      context.forward(record.withKey(newKey).withValue(Outcome.ok(record.value())));
    } catch (EvaluationException e) {
      context.forward(record.withValue(Outcome.failed(step, e.getMessage(), record.value())));
    }
  }
}
