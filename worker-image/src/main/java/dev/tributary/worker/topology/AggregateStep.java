package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateSpec;
import dev.tributary.pipeline.spec.Emit;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.WindowSpec;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.expression.StepExpression;
import dev.tributary.worker.record.Projection;
import dev.tributary.worker.record.RecordKeys;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>Prepared records, states and results are {@link Projection}s over layouts made once per step,
 * so that a record costs no hash map: a state is updated by slot into a fresh array (Kafka Streams
 * may still hold the old state, as the old value of a change), and the state serde writes and reads
 * it by slot. A state that is not a projection over the state layout — one read as JSON, or read by
 * name because it was written with other fields — is updated as a map, as it always was: by slot
 * when its fields are the layout's first ones in order (the map it would become has the layout's
 * order), else by name, keeping its own order and fields.
 */
final class AggregateStep {

  private final CompileContext context;
  private final StepSpec step;
  private final AggregateSpec spec;
  private final RecordType outType;
  private final Map<String, StepExpression> groupBy = new LinkedHashMap<>();
  private final List<Aggregation> aggregations = new ArrayList<>();

  /** The group values, in the order of {@link #groupBy}, for the loops run per record. */
  private final StepExpression[] groupValues;

  /** The group fields as read from a prepared record. */
  private final Projection.Field[] groupFields;

  /** Each aggregation's input as read from a prepared record; null for count, which has none. */
  private final Projection.Field[] inputs;

  /** Group fields, then the aggregated inputs: {@link #preparedType()}'s fields. */
  private final Projection.Layout preparedLayout;

  /** Group fields, then each aggregate's state: {@link #stateType()}'s fields. */
  private final Projection.Layout stateLayout;

  /** The output's fields: the key or the group fields, the aggregates, the window's bounds. */
  private final Projection.Layout resultLayout;

  /** The state of a group before its first record: no field set. */
  private final Projection emptyState;

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
    this.groupValues = groupBy.values().toArray(StepExpression[]::new);
    this.groupFields =
        groupBy.keySet().stream().map(Projection.Field::new).toArray(Projection.Field[]::new);
    this.inputs =
        aggregations.stream()
            .map(a -> a.of() == null ? null : new Projection.Field(a.name()))
            .toArray(Projection.Field[]::new);
    this.preparedLayout = layout(preparedType());
    this.stateLayout = layout(stateType());
    this.resultLayout = resultLayout();
    Object[] none = new Object[stateLayout.size()];
    Arrays.fill(none, Projection.ABSENT);
    this.emptyState = new Projection(stateLayout, none);
  }

  private static Projection.Layout layout(RecordType type) {
    return new Projection.Layout(type.fields().keySet().toArray(String[]::new));
  }

  private Projection.Layout resultLayout() {
    List<String> names = new ArrayList<>();
    if (groupBy.isEmpty()) {
      names.add("key");
    }
    names.addAll(groupBy.keySet());
    aggregations.forEach(aggregation -> names.add(aggregation.name()));
    if (spec.window() != null) {
      names.add("windowStart");
      names.add("windowEnd");
    }
    return new Projection.Layout(names.toArray(String[]::new));
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
    Object[] prepared = new Object[preparedLayout.size()];
    int slot = 0;
    for (StepExpression groupValue : groupValues) {
      Object value = groupValue.evaluate(record);
      if (value == null && groupValues.length == 1) {
        throw new EvaluationException(
            "groupBy '" + groupValue.source() + "' is null; a group needs a key");
      }
      prepared[slot++] = value;
    }
    for (Aggregation aggregation : aggregations) {
      if (aggregation.of() != null) {
        prepared[slot++] = aggregation.input(record);
      }
    }
    emit.accept(new Projection(preparedLayout, prepared));
  }

  private KGroupedStream<String, Map<String, Object>> group(Flow prepared) {
    Grouped<String, Map<String, Object>> grouped =
        Grouped.with(step.name() + ".group", Serdes.String(), context.serde(preparedType()));
    if (groupBy.isEmpty() || groupsByInputKey()) {
      return prepared.stream().groupByKey(grouped);
    }
    Projection.Layout keyLayout = new Projection.Layout(groupBy.keySet().toArray(String[]::new));
    return prepared.stream().groupBy((key, record) -> groupKey(keyLayout, record), grouped);
  }

  /** A single groupBy on what the input is already keyed by needs no repartition. */
  private boolean groupsByInputKey() {
    String inputKey = context.pipeline().node(step.input()).key();
    return groupBy.size() == 1
        && inputKey != null
        && inputKey.equals(spec.groupBy().values().iterator().next().replaceAll("\\s+", ""));
  }

  /** The key of a prepared record's group: its group value, or a JSON object of its values. */
  private String groupKey(Projection.Layout keyLayout, Map<String, Object> record) {
    if (groupFields.length == 1) {
      return RecordKeys.of(groupFields[0].get(record));
    }
    Object[] values = new Object[groupFields.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = groupFields[i].get(record);
    }
    return RecordKeys.of(new Projection(keyLayout, values));
  }

  private KTable<String, Map<String, Object>> unwindowed(
      KGroupedStream<String, Map<String, Object>> grouped) {
    KTable<String, Map<String, Object>> states =
        grouped.aggregate(
            () -> emptyState,
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
            () -> emptyState,
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
            () -> emptyState,
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
    Object[] next = stateValues(state);
    if (next == null) {
      return addByName(record, state);
    }
    int slot = 0;
    for (Projection.Field field : groupFields) {
      next[slot++] = field.get(record);
    }
    for (int i = 0; i < inputs.length; i++, slot++) {
      Object input = inputs[i] == null ? null : inputs[i].get(record);
      next[slot] = aggregations.get(i).add(present(next[slot]), input);
    }
    return new Projection(stateLayout, next);
  }

  /** {@link #add} to a state of other fields, or in another order, than the state layout's. */
  private Map<String, Object> addByName(Map<String, Object> record, Map<String, Object> state) {
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
    Object[] merged = stateValues(earlier);
    if (merged == null) {
      return mergeByName(earlier, later);
    }
    int slot = 0;
    for (; slot < groupFields.length; slot++) {
      // as Map.putIfAbsent: a group value the earlier state lacks or has as null is the later's
      if (present(merged[slot]) == null) {
        merged[slot] = stateValue(later, slot);
      }
    }
    for (Aggregation aggregation : aggregations) {
      merged[slot] = aggregation.merge(present(merged[slot]), stateValue(later, slot));
      slot++;
    }
    return new Projection(stateLayout, merged);
  }

  /** {@link #merge} of an earlier state of other fields, or in another order, than the layout's. */
  private Map<String, Object> mergeByName(Map<String, Object> earlier, Map<String, Object> later) {
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
    Object[] out = new Object[resultLayout.size()];
    int at = 0;
    if (groupBy.isEmpty()) {
      out[at++] = key;
    }
    int slot = 0;
    for (; slot < groupFields.length; slot++) {
      out[at++] = stateValue(state, slot);
    }
    for (Aggregation aggregation : aggregations) {
      out[at++] = aggregation.result(stateValue(state, slot++));
    }
    if (window != null) {
      out[at++] = window.start();
      out[at] = window.end();
    }
    return new Projection(resultLayout, out);
  }

  /**
   * A copy of a state's values in the state layout's order, {@link Projection#ABSENT} for the
   * fields it lacks, to make the next state of; null when its fields are not the layout's first
   * ones in the layout's order (then a map made from it by name would keep another order).
   */
  private Object[] stateValues(Map<String, Object> state) {
    if (state instanceof Projection projection && projection.layout() == stateLayout) {
      return projection.slots();
    }
    Object[] values = new Object[stateLayout.size()];
    int slot = 0;
    for (Map.Entry<String, Object> field : state.entrySet()) {
      if (slot == values.length || !stateLayout.name(slot).equals(field.getKey())) {
        return null;
      }
      values[slot++] = field.getValue();
    }
    Arrays.fill(values, slot, values.length, Projection.ABSENT);
    return values;
  }

  /** The value of a state layout's field in any state, null when the state lacks it. */
  private Object stateValue(Map<String, Object> state, int slot) {
    if (state instanceof Projection projection && projection.layout() == stateLayout) {
      return present(projection.slot(slot));
    }
    return state.get(stateLayout.name(slot));
  }

  private static Object present(Object value) {
    return value == Projection.ABSENT ? null : value;
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
    return AggregateStateSerde.of(stateLayout, aggregations, context.serde(stateType()));
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
