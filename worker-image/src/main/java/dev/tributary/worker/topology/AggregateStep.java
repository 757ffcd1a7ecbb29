package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateSpec;
import dev.tributary.pipeline.spec.Emit;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.WindowSpec;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.expression.StepExpression;
import dev.tributary.worker.record.RecordKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.SessionWindowedKStream;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code aggregate}: groups records and folds each group into its aggregates. Without a window the
 * result is a table of the latest aggregates per group; with one it is a stream of window results,
 * every update ({@code emit: changes}) or one per window once it closes ({@code emit: final}, once
 * stream time passes its end plus grace; later records are dropped by Kafka Streams).
 *
 * <p>Each record is first prepared: its group values and aggregated values are evaluated, where a
 * failure can still be dead-lettered. The state per group holds the group values and the state of
 * each aggregate, so that results can be written without looking back.
 */
final class AggregateStep {

  private final CompileContext context;
  private final StepSpec step;
  private final AggregateSpec spec;
  private final RecordType outType;
  private final Map<String, StepExpression> groupBy = new LinkedHashMap<>();
  private final List<Aggregation> aggregations = new ArrayList<>();

  private AggregateStep(CompileContext context, StepSpec step, RecordType in, RecordType out) {
    this.context = context;
    this.step = step;
    this.spec = step.aggregate();
    this.outType = out;
    if (spec.groupBy() != null) {
      spec.groupBy()
          .forEach((field, source) -> groupBy.put(field, StepExpression.compile(source, in)));
    }
    spec.aggregates()
        .forEach(
            (field, aggregation) -> {
              StepExpression of =
                  aggregation.of() == null ? null : StepExpression.compile(aggregation.of(), in);
              aggregations.add(new Aggregation(field, aggregation.fn(), of));
            });
  }

  static Flow apply(CompileContext context, Flow in, StepSpec step, RecordType out) {
    return new AggregateStep(context, step, in.type(), out).build(in);
  }

  private Flow build(Flow in) {
    Flow prepared =
        context.evaluate(
            in,
            step.name(),
            step.name() + ".prepare",
            preparedType(),
            this::prepare,
            StatelessSteps.Reads.only(preparedFrom()));
    KGroupedStream<String, Map<String, Object>> grouped = group(prepared);
    WindowSpec window = spec.window();
    if (window == null) {
      return Flow.of(unwindowed(grouped), outType);
    }
    Emit emit = spec.emit() == null ? Emit.FINAL : spec.emit();
    KStream<String, Map<String, Object>> results =
        switch (window.type()) {
          case TUMBLING, HOPPING, SLIDING -> timeWindowed(grouped, window, emit);
          case SESSION -> sessionWindowed(grouped, window, emit);
        };
    return Flow.of(results, outType, false);
  }

  /** The input fields the prepared record is computed from. */
  private List<String> preparedFrom() {
    List<String> fields = new ArrayList<>();
    groupBy.values().forEach(expression -> fields.addAll(expression.fields()));
    for (Aggregation aggregation : aggregations) {
      if (aggregation.of() != null) {
        fields.addAll(aggregation.of().fields());
      }
    }
    return fields;
  }

  private void prepare(Map<String, Object> record, Consumer<Map<String, Object>> emit)
      throws EvaluationException {
    Map<String, Object> prepared = new LinkedHashMap<>();
    for (Map.Entry<String, StepExpression> field : groupBy.entrySet()) {
      Object value = field.getValue().evaluate(record);
      if (value == null && groupBy.size() == 1) {
        throw new EvaluationException(
            "groupBy '" + field.getValue().source() + "' is null; a group needs a key");
      }
      prepared.put(field.getKey(), value);
    }
    for (Aggregation aggregation : aggregations) {
      if (aggregation.of() != null) {
        prepared.put(aggregation.name(), aggregation.input(record));
      }
    }
    emit.accept(prepared);
  }

  private KGroupedStream<String, Map<String, Object>> group(Flow prepared) {
    Grouped<String, Map<String, Object>> grouped =
        Grouped.with(step.name() + ".group", Serdes.String(), context.serde(preparedType()));
    if (groupBy.isEmpty() || groupsByInputKey()) {
      return prepared.stream().groupByKey(grouped);
    }
    List<String> fields = List.copyOf(groupBy.keySet());
    return prepared.stream().groupBy((key, record) -> groupKey(fields, record), grouped);
  }

  /** A single groupBy on what the input is already keyed by needs no repartition. */
  private boolean groupsByInputKey() {
    String inputKey = context.pipeline().node(step.input()).key();
    return groupBy.size() == 1
        && inputKey != null
        && inputKey.equals(spec.groupBy().values().iterator().next().replaceAll("\\s+", ""));
  }

  private static String groupKey(List<String> fields, Map<String, Object> record) {
    if (fields.size() == 1) {
      return RecordKeys.of(record.get(fields.get(0)));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String field : fields) {
      values.put(field, record.get(field));
    }
    return RecordKeys.of(values);
  }

  private KTable<String, Map<String, Object>> unwindowed(
      KGroupedStream<String, Map<String, Object>> grouped) {
    KTable<String, Map<String, Object>> states =
        grouped.aggregate(
            LinkedHashMap::new,
            (key, record, state) -> add(record, state),
            Named.as(step.name() + ".aggregate"),
            Materialized.<String, Map<String, Object>, KeyValueStore<Bytes, byte[]>>as(
                    step.name() + ".store")
                .withKeySerde(Serdes.String())
                .withValueSerde(stateSerde()));
    return states.mapValues(
        (key, state) -> result(key, state, null),
        Named.as(step.name() + ".result"),
        context.unmaterialized(outType));
  }

  private KStream<String, Map<String, Object>> timeWindowed(
      KGroupedStream<String, Map<String, Object>> grouped, WindowSpec window, Emit emit) {
    TimeWindowedKStream<String, Map<String, Object>> windowed =
        switch (window.type()) {
          case SLIDING ->
              grouped.windowedBy(
                  SlidingWindows.ofTimeDifferenceAndGrace(window.size(), window.grace()));
          case HOPPING ->
              grouped.windowedBy(
                  TimeWindows.ofSizeAndGrace(window.size(), window.grace())
                      .advanceBy(window.advance()));
          default -> grouped.windowedBy(TimeWindows.ofSizeAndGrace(window.size(), window.grace()));
        };
    return results(
        emit,
        windowed.aggregate(
            LinkedHashMap::new,
            (key, record, state) -> add(record, state),
            Named.as(step.name() + ".aggregate"),
            Materialized.<String, Map<String, Object>, WindowStore<Bytes, byte[]>>as(
                    step.name() + ".store")
                .withKeySerde(Serdes.String())
                .withValueSerde(stateSerde())));
  }

  private KStream<String, Map<String, Object>> sessionWindowed(
      KGroupedStream<String, Map<String, Object>> grouped, WindowSpec window, Emit emit) {
    SessionWindowedKStream<String, Map<String, Object>> sessions =
        grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(window.gap(), window.grace()));
    return results(
        emit,
        sessions.aggregate(
            LinkedHashMap::new,
            (key, record, state) -> add(record, state),
            (key, earlier, later) -> merge(earlier, later),
            Named.as(step.name() + ".aggregate"),
            Materialized.<String, Map<String, Object>, SessionStore<Bytes, byte[]>>as(
                    step.name() + ".store")
                .withKeySerde(Serdes.String())
                .withValueSerde(stateSerde())));
  }

  /**
   * Window results as a stream keyed by group. A session merged into a longer one leaves a
   * tombstone for the shorter session, which a stream of results has no use for.
   *
   * <p>Final results are held back by {@code suppress} rather than {@code
   * EmitStrategy.onWindowClose()}: the latter reads closed windows back from the window store,
   * which has already dropped them when stream time jumps past the store's retention (a quiet
   * partition), and their results would be lost.
   */
  private KStream<String, Map<String, Object>> results(
      Emit emit, KTable<Windowed<String>, Map<String, Object>> windows) {
    if (emit == Emit.FINAL) {
      windows =
          windows.suppress(
              Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                  .withName(step.name() + ".until-closed"));
    }
    // One processor both drops those tombstones and makes the results.
    return windows
        .toStream(Named.as(step.name() + ".windows"))
        .flatMap(
            (window, state) ->
                state == null
                    ? List.of()
                    : List.of(
                        KeyValue.pair(window.key(), result(window.key(), state, window.window()))),
            Named.as(step.name() + ".result"));
  }

  private Map<String, Object> add(Map<String, Object> record, Map<String, Object> state) {
    Map<String, Object> next = new LinkedHashMap<>(state);
    for (String field : groupBy.keySet()) {
      next.put(field, record.get(field));
    }
    for (Aggregation aggregation : aggregations) {
      String name = aggregation.name();
      next.put(name, aggregation.add(state.get(name), record.get(name)));
    }
    return next;
  }

  private Map<String, Object> merge(Map<String, Object> earlier, Map<String, Object> later) {
    Map<String, Object> merged = new LinkedHashMap<>(earlier);
    for (String field : groupBy.keySet()) {
      merged.putIfAbsent(field, later.get(field));
    }
    for (Aggregation aggregation : aggregations) {
      String name = aggregation.name();
      merged.put(name, aggregation.merge(earlier.get(name), later.get(name)));
    }
    return merged;
  }

  private Map<String, Object> result(String key, Map<String, Object> state, Window window) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (groupBy.isEmpty()) {
      out.put("key", key);
    }
    for (String field : groupBy.keySet()) {
      out.put(field, state.get(field));
    }
    for (Aggregation aggregation : aggregations) {
      out.put(aggregation.name(), aggregation.result(state.get(aggregation.name())));
    }
    if (window != null) {
      out.put("windowStart", window.start());
      out.put("windowEnd", window.end());
    }
    return out;
  }

  /** Group values and aggregated inputs of one record, as written to the repartition topic. */
  private RecordType preparedType() {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    groupBy.forEach((field, expression) -> fields.put(field, expression.resultType()));
    for (Aggregation aggregation : aggregations) {
      if (aggregation.of() != null) {
        fields.put(aggregation.name(), aggregation.inputType());
      }
    }
    return new RecordType(fields);
  }

  /** The serde of the state store and its changelog: binary, or JSON for collect. */
  private Serde<Map<String, Object>> stateSerde() {
    RecordType type = stateType();
    return AggregateStateSerde.of(type, aggregations, context.serde(type));
  }

  /** Group values and the state of each aggregate, as kept in the state store. */
  private RecordType stateType() {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    groupBy.forEach((field, expression) -> fields.put(field, expression.resultType()));
    for (Aggregation aggregation : aggregations) {
      fields.put(aggregation.name(), aggregation.stateType());
    }
    return new RecordType(fields);
  }
}
