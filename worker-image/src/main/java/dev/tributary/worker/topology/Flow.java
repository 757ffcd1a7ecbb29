package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import java.util.Map;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;

/**
 * What flows out of a source, table, step or branch: a stream or a table of records with string
 * keys, and the records' type.
 *
 * @param materialized the stream, when it exists as such in the topology
 * @param pending or the stream as stateless steps that a following stateless step may still join
 *     (there is one consumer); {@link #stream()} makes them a processor
 * @param keyChanged the stream was re-keyed since it was last partitioned by its key. Kafka Streams
 *     repartitions such a stream before its own stateful operations, but not before a processor
 *     with a state store, so the deduplicate step reads this.
 */
record Flow(
    KStream<String, Map<String, Object>> materialized,
    StatelessSteps pending,
    KTable<String, Map<String, Object>> table,
    RecordType type,
    boolean keyChanged) {

  static Flow of(KStream<String, Map<String, Object>> stream, RecordType type, boolean keyChanged) {
    return new Flow(stream, null, null, type, keyChanged);
  }

  static Flow of(StatelessSteps steps, RecordType type, boolean keyChanged) {
    return new Flow(null, steps, null, type, keyChanged);
  }

  static Flow of(KTable<String, Map<String, Object>> table, RecordType type) {
    return new Flow(null, null, table, type, false);
  }

  boolean isStream() {
    return table == null;
  }

  KStream<String, Map<String, Object>> stream() {
    return pending != null ? pending.stream() : materialized;
  }

  /**
   * The stream, for its one consumer, which reads no more of its records than {@code reads} says:
   * pending steps after a source then parse only what they and the consumer read.
   */
  KStream<String, Map<String, Object>> stream(StatelessSteps.Reads reads) {
    return pending != null ? pending.stream(reads) : materialized;
  }

  /** The same flow with no pending steps, for a node that several steps or sinks read. */
  Flow shared() {
    return pending == null ? this : of(stream(), type, keyChanged);
  }
}
