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
 * Parses the JSON values of a source or table inside the topology, so that a record that cannot
 * be read is dead-lettered (to the branch {@link DeadLetters#attach} adds) with its original bytes in the same transaction as the outputs (a
 * deserialization exception handler cannot write to a topic transactionally).
 */
final class ParseProcessor implements FixedKeyProcessor<String, byte[], Map<String, Object>> {

  private final String input;
  private final String at;
  private final boolean table;
  private final RecordReader reader;
  private FixedKeyProcessorContext<String, Map<String, Object>> context;

  /**
   * @param input the source or table, named in dead-letter headers
   * @param at this processor's name
   * @param table whether null values are deletes (tables) or errors (streams)
   */
  ParseProcessor(String input, String at, boolean table, RecordType type) {
    this.input = input;
    this.at = at;
    this.table = table;
    this.reader = new RecordReader(type);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Map<String, Object>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] bytes = record.value();
    if (bytes == null) {
      if (table) {
        context.forward(record.withValue(null));
      } else {
        fail(record, "the record has no value");
      }
      return;
    }
    Map<String, Object> parsed;
    try {
      parsed = reader.read(bytes);
    } catch (MalformedRecordException e) {
      fail(record, e.getMessage());
      return;
    }
    context.forward(record.withValue(parsed));
  }

  private void fail(FixedKeyRecord<String, byte[]> record, String error) {
    DeadLetters.forward(context, record, at, new Outcome.Failure(input, error, record.value()));
  }
}
