package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.TableSpec;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Sources and tables: a topic read as bytes, parsed into records in the topology. A table keeps the
 * latest row per key in a state store, or with {@code versioned} a history of rows for joins as of
 * an event's time (KIP-889).
 */
final class SourceStep {

  private SourceStep() {}

  static Flow source(CompileContext context, SourceSpec source, RecordType type) {
    String eventTime = source.eventTime() == null ? null : source.eventTime().field();
    KStream<String, byte[]> raw =
        context.builder().stream(
            source.topic(),
            Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withTimestampExtractor(new EventTimeExtractor(eventTime))
                .withName(source.name() + ".source"));
    return Flow.of(
        StatelessSteps.parsing(
            context.deadLetters(),
            raw,
            new StatelessSteps.Parse(source.name(), source.name() + ".parse", type)),
        type,
        false);
  }

  /**
   * @param read the fields of a row that the table's readers look at, or null for every field
   */
  static Flow table(CompileContext context, TableSpec table, RecordType type, Set<String> read) {
    KStream<String, byte[]> raw =
        context.builder().stream(
            table.topic(),
            Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withTimestampExtractor(new EventTimeExtractor(null))
                .withName(table.name() + ".source"));
    Materialized<String, Map<String, Object>, KeyValueStore<Bytes, byte[]>> store =
        table.versioned() == null
            ? Materialized.as(table.name() + ".store")
            : Materialized.as(
                Stores.persistentVersionedKeyValueStore(
                    table.name() + ".store", table.versioned().history()));
    KTable<String, Map<String, Object>> rows =
        parse(context, raw, table.name(), type)
            .toTable(
                Named.as(table.name() + ".table"),
                store.withKeySerde(Serdes.String()).withValueSerde(context.tableSerde(type, read)));
    return Flow.of(rows, type);
  }

  private static KStream<String, Map<String, Object>> parse(
      CompileContext context, KStream<String, byte[]> raw, String name, RecordType type) {
    String at = name + ".parse";
    KStream<String, Map<String, Object>> parsed =
        raw.processValues(
            () -> new ParseProcessor(name, at, context.deadLetters(), type), Named.as(at));
    context.deadLetters().attach(parsed, at);
    return parsed;
  }
}
