package dev.tributary.worker.topology;

import dev.tributary.worker.deadletter.DeadLetters;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.record.MalformedRecordException;
import dev.tributary.worker.record.RecordReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Runs {@link StatelessSteps} on each record of a stream: parses it (for a source), then passes it
 * through each step in turn, depth first, as separate processors would. Each value the last step
 * emits is forwarded; a record that cannot be read, or whose step fails, goes to the dead-letter
 * branch as that step received it, and the other records a step emitted go on.
 */
final class StatelessStepsProcessor
    implements FixedKeyProcessor<String, Object, Map<String, Object>> {

  private final String name;
  private final DeadLetters deadLetters;
  private final StatelessSteps.Parse parse;
  private final RecordReader reader;
  private final StatelessSteps.Operation[] operations;

  /** What each operation emits to: the next operation, or the output for the last. */
  private final List<Consumer<Map<String, Object>>> emitters;

  private FixedKeyProcessorContext<String, Map<String, Object>> context;
  private Children<Map<String, Object>> children;
  private FixedKeyRecord<String, Object> current;

  StatelessStepsProcessor(
      String name,
      DeadLetters deadLetters,
      StatelessSteps.Parse parse,
      Set<String> parsedFields,
      List<StatelessSteps.Operation> operations) {
    this.name = name;
    this.deadLetters = deadLetters;
    this.parse = parse;
    this.reader =
        parse == null
            ? null
            : parsedFields == null
                ? new RecordReader(parse.type())
                : RecordReader.reading(parse.type(), parsedFields);
    this.operations = operations.toArray(StatelessSteps.Operation[]::new);
    @SuppressWarnings("unchecked")
    Consumer<Map<String, Object>>[] emitters = new Consumer[this.operations.length + 1];
    for (int i = 0; i < this.operations.length; i++) {
      int next = i + 1;
      emitters[i] = value -> run(next, value);
    }
    emitters[this.operations.length] = value -> children.forward(current.withValue(value));
    this.emitters = List.of(emitters);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Map<String, Object>> context) {
    this.context = context;
    this.children = new Children<>(context, deadLetters, name);
  }

  @Override
  public void process(FixedKeyRecord<String, Object> record) {
    Object value = record.value();
    current = record;
    try {
      if (parse == null) {
        if (value != null) {
          @SuppressWarnings("unchecked")
          Map<String, Object> fields = (Map<String, Object>) value;
          run(0, fields);
        }
      } else if (value == null) {
        fail(parse.input(), "the record has no value", null);
      } else {
        Map<String, Object> fields;
        try {
          fields = reader.read((byte[]) value);
        } catch (MalformedRecordException e) {
          fail(parse.input(), e.getMessage(), value);
          return;
        }
        run(0, fields);
      }
    } finally {
      current = null;
    }
  }

  private void run(int index, Map<String, Object> fields) {
    if (index == operations.length) {
      emitters.get(index).accept(fields);
      return;
    }
    StatelessSteps.Operation operation = operations[index];
    try {
      operation.function().apply(fields, emitters.get(index));
    } catch (EvaluationException e) {
      fail(operation.step(), e.getMessage(), fields);
    }
  }

  private void fail(String step, String error, Object input) {
    DeadLetters.forward(context, current, name, new Outcome.Failure(step, error, input));
  }
}
