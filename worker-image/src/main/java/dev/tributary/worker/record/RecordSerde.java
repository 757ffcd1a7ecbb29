package dev.tributary.worker.record;

import dev.tributary.pipeline.expr.RecordType;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The serde of record values on sink and internal topics (repartition topics, changelogs): JSON
 * objects, coerced to the record type when read back. Null is a tombstone both ways. Reading input
 * topics does not go through it: sources parse bytes in the topology so that bad records reach the
 * dead-letter topic (see the topology's source step).
 */
public final class RecordSerde implements SelfSerde<Map<String, Object>> {

  private final RecordReader reader;

  public RecordSerde(RecordType type) {
    this(new RecordReader(type));
  }

  private RecordSerde(RecordReader reader) {
    this.reader = reader;
  }

  /**
   * A serde that reads back only {@code fields} of each record (see {@link RecordReader#reading}),
   * for a store whose readers look at no others; it writes whole records, as every serde does.
   */
  public static RecordSerde reading(RecordType type, Set<String> fields) {
    return new RecordSerde(RecordReader.reading(type, fields));
  }

  @Override
  public byte[] serialize(String topic, Map<String, Object> record) {
    return record == null ? null : RecordJson.write(record);
  }

  @Override
  public Map<String, Object> deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return reader.read(bytes);
    } catch (MalformedRecordException e) {
      throw new SerializationException(
          "a record on " + topic + " cannot be read: " + e.getMessage());
    }
  }
}
