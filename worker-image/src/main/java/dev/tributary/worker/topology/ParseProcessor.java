package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.worker.deadletter.DeadLetters;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.record.MalformedRecordException;
import dev.tributary.worker.record.RecordReader;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Parses the JSON values of a table inside the topology, so that a row that cannot be read is
 * dead-lettered (to the branch {@link DeadLetters#attach} adds) with its original bytes in the same
 * transaction as the outputs (a deserialization exception handler cannot write to a topic
 * transactionally). A null value is a delete and passes on. Sources parse in {@link
 * StatelessStepsProcessor}, together with the steps that follow them.
 */
final class ParseProcessor implements FixedKeyProcessor<String, byte[], Map<String, Object>> {

  private final String table;
  private final String at;
  private final DeadLetters deadLetters;
  private final RecordReader reader;
  private FixedKeyProcessorContext<String, Map<String, Object>> context;
  private Children<Map<String, Object>> children;

  /**
   * @param table the table, named in dead-letter headers
   * @param at this processor's name
   */
  ParseProcessor(String table, String at, DeadLetters deadLetters, RecordType type) {
    this.table = table;
    this.at = at;
    this.deadLetters = deadLetters;
    this.reader = new RecordReader(type);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Map<String, Object>> context) {
    this.context = context;
    this.children = new Children<>(context, deadLetters, at);
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] bytes = record.value();
    if (bytes == null) {
      children.forward(record.withValue(null));
      return;
    }
    Map<String, Object> parsed;
    try {
      parsed = reader.read(bytes);
    } catch (MalformedRecordException e) {
      DeadLetters.forward(context, record, at, new Outcome.Failure(table, e.getMessage(), bytes));
      return;
    }
    children.forward(record.withValue(parsed));
  }
}
