package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.deadletter.DeadLetters;
import dev.tributary.worker.record.RecordSerde;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

/** What every step needs while the topology is built: the builder, serdes, the dead letters. */
final class CompileContext {

  private final StreamsBuilder builder;
  private final ValidatedPipeline pipeline;
  private final DeadLetters deadLetters;
  private final Map<RecordType, RecordSerde> serdes = new HashMap<>();

  CompileContext(StreamsBuilder builder, ValidatedPipeline pipeline, DeadLetters deadLetters) {
    this.builder = builder;
    this.pipeline = pipeline;
    this.deadLetters = deadLetters;
  }

  StreamsBuilder builder() {
    return builder;
  }

  ValidatedPipeline pipeline() {
    return pipeline;
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  /** One serde per record type, shared by every operator that writes that type. */
  RecordSerde serde(RecordType type) {
    return serdes.computeIfAbsent(type, RecordSerde::new);
  }

  /**
   * The serde of a table's store: when every reader of the table reads only some of its fields
   * ({@code read} not null), it reads back only those — each lookup of a row then decodes what the
   * lookup uses, while the store and its changelog keep whole rows.
   */
  RecordSerde tableSerde(RecordType type, Set<String> read) {
    return read == null ? serde(type) : RecordSerde.reading(type, read);
  }

  /** Keys and values of a table that Kafka Streams need not materialize. */
  Materialized<String, Map<String, Object>, KeyValueStore<Bytes, byte[]>> unmaterialized(
      RecordType type) {
    return Materialized.with(Serdes.String(), serde(type));
  }

  /**
   * Applies a record function to a stream or a table, dead-lettering failures. On a stream it joins
   * the stateless steps before it, if they are still pending.
   *
   * @param step the step named in dead-letter headers
   * @param at a unique name for the operator (and a prefix for the names of a table's)
   */
  Flow evaluate(
      Flow in, String step, String at, RecordType out, RecordFunction<Map<String, Object>> fn) {
    return evaluate(in, step, at, out, fn, StatelessSteps.Reads.EVERYTHING);
  }

  /**
   * {@link #evaluate(Flow, String, String, RecordType, RecordFunction)} of a function that reads no
   * more of its input than {@code reads} says.
   */
  Flow evaluate(
      Flow in,
      String step,
      String at,
      RecordType out,
      RecordFunction<Map<String, Object>> fn,
      StatelessSteps.Reads reads) {
    if (in.isStream()) {
      StatelessSteps before =
          in.pending() != null ? in.pending() : StatelessSteps.on(deadLetters, in.stream());
      return Flow.of(
          before.then(new StatelessSteps.Operation(step, at, fn, reads)), out, in.keyChanged());
    }
    // A table's rows pass through a stream of its changes, where failures can be dead-lettered,
    // and become a table again.
    KStream<String, Map<String, Object>> rows =
        in.table()
            .toStream(Named.as(at + ".changes"))
            .processValues(
                () -> new EvaluatingProcessor<>(step, at, deadLetters, true, fn), Named.as(at));
    deadLetters.attach(rows, at);
    KTable<String, Map<String, Object>> table =
        rows.toTable(
            Named.as(at + ".table"),
            Materialized.<String, Map<String, Object>, KeyValueStore<Bytes, byte[]>>as(
                    at + ".store")
                .withKeySerde(Serdes.String())
                .withValueSerde(serde(out)));
    return Flow.of(table, out);
  }
}
