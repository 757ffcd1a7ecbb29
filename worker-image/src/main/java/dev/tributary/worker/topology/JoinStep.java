package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.JoinSpec;
import dev.tributary.pipeline.spec.JoinType;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.worker.expression.StepExpression;
import dev.tributary.worker.record.RecordKeys;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.kstream.ValueJoiner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code join}: the input (left) with {@code with} (right), carried out as the {@link JoinPlan}
 * says. Both sides are keyed by the join key (the validator checked it), so Kafka Streams joins on
 * record keys, repartitioning a re-keyed side first. The merged record is the join's output, or the
 * scope its {@code select} is evaluated on.
 */
final class JoinStep {

  /** The foreign key of a left row, computed before a foreign-key join; not a field name. */
  private static final String FOREIGN_KEY = "@foreignKey";

  private final CompileContext context;
  private final StepSpec step;
  private final JoinSpec join;
  private final JoinPlan plan;
  private final JoinMerge merge;

  /**
   * Joins the two sides of a stream join: with a {@code select}, into a view that the select reads
   * (it copies what it selects); without, into the merged record.
   */
  private final ValueJoiner<Map<String, Object>, Map<String, Object>, Map<String, Object>> joiner;

  /** The join's {@code select}, compiled against the merged record; null without one. */
  private final Map<String, StepExpression> select;

  private JoinStep(CompileContext context, StepSpec step, JoinPlan plan, RecordType left) {
    this.context = context;
    this.step = step;
    this.join = step.join();
    this.plan = plan;
    this.merge = new JoinMerge(left, plan);
    this.joiner = join.select() == null ? merge : merge::view;
    this.select = join.select() == null ? null : SelectStep.compile(join.select(), plan.scope());
  }

  static Flow apply(
      CompileContext context, Flow left, Flow right, StepSpec step, JoinPlan plan, RecordType out) {
    JoinStep joinStep = new JoinStep(context, step, plan, left.type());
    Flow merged =
        switch (plan.shape()) {
          case STREAM_TABLE -> Flow.of(joinStep.streamTable(left, right), plan.scope(), false);
          case STREAM_STREAM -> Flow.of(joinStep.streamStream(left, right), plan.scope(), false);
          case TABLE_TABLE -> Flow.of(joinStep.tableTable(left, right), plan.scope());
          case FOREIGN_KEY -> Flow.of(joinStep.foreignKey(left, right), plan.scope());
        };
    if (joinStep.select == null) {
      return merged;
    }
    return context.evaluate(
        merged, step.name(), step.name() + ".select", out, SelectStep.projection(joinStep.select));
  }

  /** Each event looks up the table: its latest row, or with {@code asOf} the row at event time. */
  private KStream<String, Map<String, Object>> streamTable(Flow left, Flow right) {
    KStream<String, Map<String, Object>> events = left.stream(leftReads(left.type()));
    KTable<String, Map<String, Object>> table = right.table();
    if (!join.isAsOf() && isVersioned(join.with())) {
      // A join with a versioned table always looks up as of the event's time (KIP-914); a plain
      // key-value copy of it gives the latest row.
      table =
          table.mapValues(
              row -> row,
              Named.as(step.name() + ".latest"),
              Materialized.<String, Map<String, Object>>as(
                      Stores.persistentKeyValueStore(step.name() + ".latest-store"))
                  .withKeySerde(Serdes.String())
                  .withValueSerde(context.serde(right.type())));
    }
    Joined<String, Map<String, Object>, Map<String, Object>> joined =
        Joined.with(Serdes.String(), context.serde(left.type()), context.serde(right.type()))
            .withName(step.name() + ".join");
    return join.typeOrDefault() == JoinType.LEFT
        ? events.leftJoin(table, joiner, joined)
        : events.join(table, joiner, joined);
  }

  /**
   * What a stream–table join reads of its events: with a {@code select}, the events' fields that
   * the select reads (it makes records of its own); without, the whole event, which it passes on.
   */
  private StatelessSteps.Reads leftReads(RecordType leftType) {
    if (select == null) {
      return StatelessSteps.Reads.EVERYTHING;
    }
    Set<String> rightNames = Set.copyOf(plan.rightNames().values());
    return StatelessSteps.Reads.only(
        SelectStep.fieldsRead(select).stream()
            .filter(name -> !rightNames.contains(name) && leftType.has(name))
            .toList());
  }

  /**
   * The fields of the right side's rows that a stream–table join reads: with a {@code select},
   * those the select reads; without, every declared field, which the merged record carries. A dead
   * letter of the merged record reads the whole row again ({@link JoinMerge}).
   */
  static Set<String> rightFieldsRead(StepSpec step, JoinPlan plan) {
    if (step.join().select() == null) {
      return plan.rightNames().keySet();
    }
    Set<String> read =
        Set.copyOf(SelectStep.fieldsRead(SelectStep.compile(step.join().select(), plan.scope())));
    Set<String> fields = new HashSet<>();
    plan.rightNames()
        .forEach(
            (field, name) -> {
              if (read.contains(name)) {
                fields.add(field);
              }
            });
    return fields;
  }

  /** Events of both streams whose times are at most {@code within} apart. */
  private KStream<String, Map<String, Object>> streamStream(Flow left, Flow right) {
    JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(join.within(), join.grace());
    StreamJoined<String, Map<String, Object>, Map<String, Object>> joined =
        StreamJoined.with(Serdes.String(), context.serde(left.type()), context.serde(right.type()))
            .withName(step.name() + ".join")
            .withStoreName(step.name() + ".join-store");
    return switch (join.typeOrDefault()) {
      case INNER -> left.stream().join(right.stream(), joiner, windows, joined);
      case LEFT -> left.stream().leftJoin(right.stream(), joiner, windows, joined);
      case OUTER -> left.stream().outerJoin(right.stream(), joiner, windows, joined);
    };
  }

  private KTable<String, Map<String, Object>> tableTable(Flow left, Flow right) {
    Named named = Named.as(step.name() + ".join");
    var materialized = materialized();
    return switch (join.typeOrDefault()) {
      case INNER -> left.table().join(right.table(), merge, named, materialized);
      case LEFT -> left.table().leftJoin(right.table(), merge, named, materialized);
      case OUTER -> left.table().outerJoin(right.table(), merge, named, materialized);
    };
  }

  /**
   * Each left row joins the right row its foreign key names. The key is computed first, in a step
   * where a failing expression can be dead-lettered, and kept beside the row's fields.
   */
  private KTable<String, Map<String, Object>> foreignKey(Flow left, Flow right) {
    StepExpression foreignKey = StepExpression.compile(join.foreignKey(), left.type());
    RecordType keyedType = left.type().with(FOREIGN_KEY, FieldType.STRING);
    Flow keyed =
        context.evaluate(
            left,
            step.name(),
            step.name() + ".foreign-key",
            keyedType,
            (record, emit) -> {
              Map<String, Object> row = new LinkedHashMap<>(record);
              row.put(FOREIGN_KEY, RecordKeys.of(foreignKey.evaluate(record)));
              emit.accept(row);
            });
    ValueJoiner<Map<String, Object>, Map<String, Object>, Map<String, Object>> joiner =
        (row, other) -> {
          Map<String, Object> merged = merge.apply(row, other);
          merged.remove(FOREIGN_KEY);
          return merged;
        };
    TableJoined<String, String> named = TableJoined.as(step.name() + ".join");
    var materialized = materialized();
    Function<Map<String, Object>, String> key = row -> (String) row.get(FOREIGN_KEY);
    return join.typeOrDefault() == JoinType.LEFT
        ? keyed.table().leftJoin(right.table(), key, joiner, named, materialized)
        : keyed.table().join(right.table(), key, joiner, named, materialized);
  }

  /** A table join keeps its result in a store of its own (Kafka Streams does so regardless). */
  private Materialized<String, Map<String, Object>, KeyValueStore<Bytes, byte[]>> materialized() {
    return Materialized.<String, Map<String, Object>, KeyValueStore<Bytes, byte[]>>as(
            step.name() + ".store")
        .withKeySerde(Serdes.String())
        .withValueSerde(context.serde(plan.scope()));
  }

  private boolean isVersioned(String table) {
    return context.pipeline().spec().tablesOrEmpty().stream()
        .anyMatch(t -> t.name().equals(table) && t.versioned() != null);
  }
}
