package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import java.util.Map;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;

/**
 * What flows out of a source, table, step or branch: a stream or a table of records with string
 * keys, and the records' type.
 *
 * @param keyChanged the stream was re-keyed since it was last partitioned by its key. Kafka
 *     Streams repartitions such a stream before its own stateful operations, but not before a
 *     processor with a state store, so the deduplicate step reads this.
 */
record Flow(
    KStream<String, Map<String, Object>> stream,
    KTable<String, Map<String, Object>> table,
    RecordType type,
    boolean keyChanged) {

  static Flow of(KStream<String, Map<String, Object>> stream, RecordType type, boolean keyChanged) {
    return new Flow(stream, null, type, keyChanged);
  }

  static Flow of(KTable<String, Map<String, Object>> table, RecordType type) {
    return new Flow(null, table, type, false);
  }

  boolean isStream() {
    return stream != null;
  }
}
