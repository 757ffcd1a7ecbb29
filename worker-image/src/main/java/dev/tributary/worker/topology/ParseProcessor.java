package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.record.MalformedRecordException;
import dev.tributary.worker.record.RecordReader;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Parses the JSON values of a source or table inside the topology, so that a record that cannot
 * be read is dead-lettered with its original bytes in the same transaction as the outputs (a
 * deserialization exception handler cannot write to a topic transactionally).
 */
final class ParseProcessor
    implements FixedKeyProcessor<String, byte[], Outcome<Map<String, Object>>> {

  private final String input;
  private final boolean table;
  private final RecordReader reader;
  private FixedKeyProcessorContext<String, Outcome<Map<String, Object>>> context;

  /**
   * @param input the source or table, named in dead-letter headers
   * @param table whether null values are deletes (tables) or errors (streams)
   */
  ParseProcessor(String input, boolean table, RecordType type) {
    this.input = input;
    this.table = table;
    this.reader = new RecordReader(type);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Outcome<Map<String, Object>>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] bytes = record.value();
    if (bytes == null) {
      context.forward(
          record.withValue(
              table ? Outcome.ok(null) : Outcome.failed(input, "the record has no value", null)));
      return;
    }
    try {
      context.forward(record.withValue(Outcome.ok(reader.read(bytes))));
    } catch (MalformedRecordException e) {
      context.forward(record.withValue(Outcome.failed(input, e.getMessage(), bytes)));
    }
  }
}
