package dev.tributary.runtime.upgrade;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.pipeline.spec.AggregateSpec;
import dev.tributary.pipeline.spec.AggregationSpec;
import dev.tributary.pipeline.spec.DeduplicateSpec;
import dev.tributary.pipeline.spec.Durations;
import dev.tributary.pipeline.spec.Emit;
import dev.tributary.pipeline.spec.JoinSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.spec.WindowSpec;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.rollout.UpdateStrategy;
import dev.tributary.runtime.upgrade.StateChange.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what an update does to a pipeline's state: for every table and stateful step, whether the
 * new version can read what the old one stored, and from that the update's {@link
 * UpgradeClassification.Kind} and rollout. One function for every deploy target.
 *
 * <p>The rules follow what the worker stores (worker-image {@code topology}): stores and changelogs
 * are named after the table or step ({@code <name>.store}, {@code <name>.seen}, {@code
 * <name>.join-store}, {@code <name>.latest-store}, {@code <name>.until-closed}), so a part keeps
 * its state exactly while its name and kind stay. An aggregate's stored value is a map from field
 * name to the group's values and each aggregate's running state, written in a binary form whose
 * entries carry their names, or as JSON when an aggregate collects; the reader of either form
 * accepts absent fields. So an aggregate added to a step reads the old states forward (it starts
 * empty in every stored group and window), while a removed, renamed or redefined one, a changed
 * group or window, or a switch between the binary and JSON forms cannot be read forward.
 */
public final class UpgradeClassifier {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private UpgradeClassifier() {}

  public static UpgradeClassification classify(ValidatedPipeline before, ValidatedPipeline after) {
    List<StateChange> changes = new ArrayList<>();
    tables(before, after, changes);
    steps(before, after, changes);
    UpgradeClassification.Kind kind;
    if (changes.stream().anyMatch(change -> change.outcome() == Outcome.INCOMPATIBLE)) {
      kind = UpgradeClassification.Kind.STATE_INCOMPATIBLE;
    } else if (changes.stream().allMatch(change -> change.outcome() == Outcome.UNCHANGED)) {
      kind = UpgradeClassification.Kind.STATELESS_ONLY;
    } else {
      kind = UpgradeClassification.Kind.STATE_COMPATIBLE;
    }
    boolean sameShape =
        UpdateStrategy.shape(before.spec()).equals(UpdateStrategy.shape(after.spec()));
    UpdateStrategy rollout =
        sameShape && kind == UpgradeClassification.Kind.STATELESS_ONLY
            ? UpdateStrategy.ROLLING
            : UpdateStrategy.RECREATE;
    return new UpgradeClassification(kind, changes, rollout);
  }

  private static void tables(
      ValidatedPipeline before, ValidatedPipeline after, List<StateChange> changes) {
    Map<String, TableSpec> old = new LinkedHashMap<>();
    before.spec().tablesOrEmpty().forEach(table -> old.put(table.name(), table));
    for (TableSpec table : after.spec().tablesOrEmpty()) {
      TableSpec was = old.remove(table.name());
      List<String> stores = List.of(table.name() + ".store");
      if (was == null) {
        changes.add(
            new StateChange(
                table.name(),
                "table",
                stores,
                Outcome.ADDED,
                "new table: its store is filled from topic " + table.topic()));
        continue;
      }
      changes.add(table(was, table, stores));
    }
    old.values()
        .forEach(
            table ->
                changes.add(
                    new StateChange(
                        table.name(),
                        "table",
                        List.of(table.name() + ".store"),
                        Outcome.REMOVED,
                        "table removed: nothing reads its store any more")));
  }

  private static StateChange table(TableSpec was, TableSpec table, List<String> stores) {
    String reason = null;
    if (!was.topic().equals(table.topic())) {
      reason =
          "the table reads "
              + table.topic()
              + " instead of "
              + was.topic()
              + ": its store holds the rows of the old topic";
    } else if ((was.versioned() == null) != (table.versioned() == null)) {
      reason =
          table.versioned() == null
              ? "the table is no longer versioned: its store is a versioned store, which a plain"
                  + " key-value store cannot read"
              : "the table became versioned: its store is a plain key-value store, which holds no"
                  + " history to look up as of an event's time";
    } else if (!Objects.equals(was.versioned(), table.versioned())) {
      reason =
          "the table's history changed from "
              + text(was.versioned().history())
              + " to "
              + text(table.versioned().history())
              + ": a versioned store's segments are sized by its history, so the stored versions"
              + " are not found under the new one";
    } else if (!Objects.equals(was.fields(), table.fields())
        || !Objects.equals(was.key(), table.key())
        || was.formatOrDefault() != table.formatOrDefault()) {
      reason =
          "the table's fields, key or format changed: the stored rows were read with the old"
              + " declaration and keep that form until their key is written again";
    }
    if (reason != null) {
      return new StateChange(table.name(), "table", stores, Outcome.INCOMPATIBLE, reason);
    }
    return new StateChange(
        table.name(), "table", stores, Outcome.UNCHANGED, "the table's definition is unchanged");
  }

  private static void steps(
      ValidatedPipeline before, ValidatedPipeline after, List<StateChange> changes) {
    Map<String, StepSpec> old = new LinkedHashMap<>();
    before.spec().stepsOrEmpty().stream()
        .filter(UpgradeClassifier::stateful)
        .forEach(step -> old.put(step.name(), step));
    for (StepSpec step : after.spec().stepsOrEmpty()) {
      if (!stateful(step)) {
        continue;
      }
      StepSpec was = old.get(step.name());
      if (was == null || was.kind() != step.kind()) {
        changes.add(
            new StateChange(
                step.name(),
                step.kind().key(),
                stores(after, step),
                Outcome.ADDED,
                was == null
                    ? "new step: its stores start empty"
                    : "the step was a " + was.kind().key() + ": its stores start empty"));
        continue;
      }
      old.remove(step.name());
      changes.add(
          switch (step.kind()) {
            case AGGREGATE -> aggregate(before, after, was, step);
            case DEDUPLICATE -> deduplicate(before, after, was, step);
            case JOIN -> join(before, after, was, step);
            default -> throw new IllegalStateException("not a stateful step: " + step.kind());
          });
    }
    old.values()
        .forEach(
            step ->
                changes.add(
                    new StateChange(
                        step.name(),
                        step.kind().key(),
                        stores(before, step),
                        Outcome.REMOVED,
                        "step removed: nothing reads its stores any more")));
  }

  private static boolean stateful(StepSpec step) {
    return UpdateStrategy.STATEFUL_STEPS.contains(step.kind());
  }

  /** The stores the worker gives a stateful step (worker-image {@code topology}). */
  static List<String> stores(ValidatedPipeline pipeline, StepSpec step) {
    String name = step.name();
    return switch (step.kind()) {
      case AGGREGATE -> {
        AggregateSpec aggregate = step.aggregate();
        boolean suppressed = aggregate.window() != null && emit(aggregate) == Emit.FINAL;
        yield suppressed
            ? List.of(name + ".store", name + ".until-closed")
            : List.of(name + ".store");
      }
      case DEDUPLICATE -> List.of(name + ".seen");
      case JOIN ->
          switch (pipeline.join(name).shape()) {
            case STREAM_STREAM -> List.of(name + ".join-store");
            case STREAM_TABLE ->
                versionedLatest(pipeline, step) ? List.of(name + ".latest-store") : List.of();
            case TABLE_TABLE, FOREIGN_KEY -> List.of(name + ".store");
          };
      default -> List.of();
    };
  }

  private static StateChange aggregate(
      ValidatedPipeline before, ValidatedPipeline after, StepSpec was, StepSpec step) {
    AggregateSpec old = was.aggregate();
    AggregateSpec now = step.aggregate();
    List<String> stores = stores(after, step);
    List<String> reasons = new ArrayList<>();
    if (!Objects.equals(old.groupBy(), now.groupBy())) {
      reasons.add(
          "the group changed from "
              + group(old)
              + " to "
              + group(now)
              + ": the store is keyed by the group");
    } else if (old.groupBy() == null && inputKeyChanged(before, after, was, step)) {
      reasons.add(
          "the step groups by its input's record key, which changed from "
              + before.node(was.input()).key()
              + " to "
              + after.node(step.input()).key()
              + ": the store is keyed by the group");
    }
    window(old.window(), now.window(), reasons);
    if (old.window() != null && now.window() != null && emit(old) != emit(now)) {
      reasons.add(
          "emit changed from "
              + emit(old).name().toLowerCase()
              + " to "
              + emit(now).name().toLowerCase()
              + ": final results wait in "
              + step.name()
              + ".until-closed, a buffer the other emit has not got, so windows buffered or"
              + " emitted before the update would be lost or emitted twice");
    }
    Map<String, AggregationSpec> oldAggregates = old.aggregates();
    Map<String, AggregationSpec> newAggregates = now.aggregates();
    for (Map.Entry<String, AggregationSpec> entry : oldAggregates.entrySet()) {
      AggregationSpec next = newAggregates.get(entry.getKey());
      if (next == null) {
        reasons.add(
            "aggregate "
                + entry.getKey()
                + " was removed: every stored state keeps its value, which an aggregate of that"
                + " name would resume from");
      } else if (!entry.getValue().equals(next)) {
        reasons.add(
            "aggregate "
                + entry.getKey()
                + " changed from "
                + describe(entry.getValue())
                + " to "
                + describe(next)
                + ": its stored state was folded by the old definition");
      }
    }
    if (collects(old) != collects(now)) {
      reasons.add(
          collects(now)
              ? "a collect aggregate was added: the step's states are then written as JSON, and"
                  + " the JSON reader cannot read the binary states stored now"
              : "the last collect aggregate was removed: the states are then written in binary");
    }
    Set<String> retyped =
        retypedFields(
            before.inputType(was), after.inputType(step), expressions(old), expressions(now));
    if (!retyped.isEmpty()) {
      reasons.add(
          "the input's field "
              + String.join(", ", retyped)
              + ": the stored group values and aggregate states hold values of the old type");
    }
    if (!reasons.isEmpty()) {
      return new StateChange(
          step.name(), "aggregate", stores, Outcome.INCOMPATIBLE, String.join("; ", reasons));
    }
    List<String> added =
        newAggregates.keySet().stream().filter(name -> !oldAggregates.containsKey(name)).toList();
    if (!added.isEmpty()) {
      return new StateChange(
          step.name(),
          "aggregate",
          stores,
          Outcome.EXTENDED,
          "aggregate "
              + String.join(", ", added)
              + " added: the stored states are read forward and "
              + (added.size() == 1 ? "it starts" : "they start")
              + " empty in every group and window stored before the update, so "
              + (added.size() == 1 ? "its value covers" : "their values cover")
              + " only records processed after it");
    }
    if (!was.equals(step)) {
      return new StateChange(
          step.name(),
          "aggregate",
          stores,
          Outcome.EXTENDED,
          (was.input().equals(step.input())
                  ? "the step is written differently"
                  : "the input changed from " + was.input() + " to " + step.input())
              + ": the group, window, emit and aggregates are the same, so the stored states are"
              + " read as they are");
    }
    return new StateChange(
        step.name(), "aggregate", stores, Outcome.UNCHANGED, "the step's definition is unchanged");
  }

  private static void window(WindowSpec old, WindowSpec now, List<String> reasons) {
    if (old == null && now == null) {
      return;
    }
    if (old == null || now == null) {
      reasons.add(
          old == null
              ? "a "
                  + now.type().name().toLowerCase()
                  + " window was added: the store holds"
                  + " one state per group, not per window"
              : "the window was removed: the store holds states per window, not one per group");
      return;
    }
    if (old.type() != now.type()) {
      reasons.add(
          "the window changed from "
              + old.type().name().toLowerCase()
              + " to "
              + now.type().name().toLowerCase()
              + ": stored windows have the old boundaries");
      return;
    }
    if (!Objects.equals(old.size(), now.size())
        || !Objects.equals(old.advance(), now.advance())
        || !Objects.equals(old.gap(), now.gap())) {
      reasons.add(
          "the window changed from "
              + window(old)
              + " to "
              + window(now)
              + ": stored windows have the old boundaries");
    }
    if (!Objects.equals(old.grace(), now.grace())) {
      reasons.add(
          "the window's grace changed from "
              + text(old.grace())
              + " to "
              + text(now.grace())
              + ": the window store's retention (window plus grace) sets the segments Kafka"
              + " Streams stores windows in, and when a window closes");
    }
  }

  private static StateChange deduplicate(
      ValidatedPipeline before, ValidatedPipeline after, StepSpec was, StepSpec step) {
    DeduplicateSpec old = was.deduplicate();
    DeduplicateSpec now = step.deduplicate();
    List<String> stores = stores(after, step);
    List<String> reasons = new ArrayList<>();
    if (!Objects.equals(old.key(), now.key())) {
      reasons.add(
          "the identity changed from "
              + identity(old)
              + " to "
              + identity(now)
              + ": the store remembers identities of the old kind");
    } else if (old.key() == null && inputKeyChanged(before, after, was, step)) {
      reasons.add(
          "the identity is the input's record key, which changed from "
              + before.node(was.input()).key()
              + " to "
              + after.node(step.input()).key()
              + ": the store remembers identities of the old kind");
    }
    Duration oldRetention = old.within().plus(lateness(before));
    Duration newRetention = now.within().plus(lateness(after));
    if (!old.within().equals(now.within())) {
      reasons.add(
          "within changed from "
              + text(old.within())
              + " to "
              + text(now.within())
              + ": the store's windows and retention (within plus the sources' allowed lateness)"
              + " set the segments it stores identities in");
    } else if (!oldRetention.equals(newRetention)) {
      reasons.add(
          "the sources' largest allowed lateness changed, and with it the store's retention from "
              + text(oldRetention)
              + " to "
              + text(newRetention)
              + ": the retention sets the segments the store keeps identities in");
    }
    Set<String> retyped =
        retypedFields(
            before.inputType(was),
            after.inputType(step),
            old.key() == null ? List.of() : List.of(old.key()),
            now.key() == null ? List.of() : List.of(now.key()));
    if (!retyped.isEmpty()) {
      reasons.add(
          "the input's field "
              + String.join(", ", retyped)
              + ": identities computed from it would be written differently");
    }
    if (!reasons.isEmpty()) {
      return new StateChange(
          step.name(), "deduplicate", stores, Outcome.INCOMPATIBLE, String.join("; ", reasons));
    }
    if (!was.equals(step)) {
      return new StateChange(
          step.name(),
          "deduplicate",
          stores,
          Outcome.EXTENDED,
          (was.input().equals(step.input())
                  ? "the step is written differently"
                  : "the input changed from " + was.input() + " to " + step.input())
              + ": identity and retention are the same, so the remembered identities hold");
    }
    return new StateChange(
        step.name(),
        "deduplicate",
        stores,
        Outcome.UNCHANGED,
        "the step's definition and retention are unchanged");
  }

  private static StateChange join(
      ValidatedPipeline before, ValidatedPipeline after, StepSpec was, StepSpec step) {
    JoinSpec old = was.join();
    JoinSpec now = step.join();
    JoinPlan oldPlan = before.join(was.name());
    JoinPlan newPlan = after.join(step.name());
    List<String> stores = stores(after, step);
    List<String> reasons = new ArrayList<>();
    if (oldPlan.shape() != newPlan.shape()) {
      reasons.add(
          "the join changed from "
              + shape(oldPlan)
              + " to "
              + shape(newPlan)
              + ": the stores of one kind of join are not those of the other");
    }
    if (!was.input().equals(step.input()) || !old.with().equals(now.with())) {
      reasons.add(
          "the join's sides changed from "
              + was.input()
              + " and "
              + old.with()
              + " to "
              + step.input()
              + " and "
              + now.with()
              + ": its stores hold records or results of the old sides");
    }
    if (!Objects.equals(old.key(), now.key())) {
      reasons.add(
          "the join key changed from "
              + old.key()
              + " to "
              + now.key()
              + ": stored records are keyed by the old key");
    }
    if (!Objects.equals(old.foreignKey(), now.foreignKey())) {
      reasons.add(
          "the foreign key changed from "
              + old.foreignKey()
              + " to "
              + now.foreignKey()
              + ": the subscriptions stored for the right side follow the old key");
    }
    if (reasons.isEmpty()) {
      switch (newPlan.shape()) {
        case STREAM_STREAM -> streamStream(before, after, was, step, reasons);
        case STREAM_TABLE -> {
          if (versionedLatest(before, was) != versionedLatest(after, step)) {
            reasons.add(
                versionedLatest(after, step)
                    ? "asOf was turned off on a versioned table: the latest rows are then kept in "
                        + step.name()
                        + ".latest-store, which is filled only as rows change"
                    : "asOf was turned on: " + was.name() + ".latest-store is no longer read");
          }
        }
        case TABLE_TABLE, FOREIGN_KEY -> {
          if (old.typeOrDefault() != now.typeOrDefault()) {
            reasons.add(
                "the join type changed from "
                    + old.typeOrDefault().name().toLowerCase()
                    + " to "
                    + now.typeOrDefault().name().toLowerCase()
                    + ": the stored results hold the rows the old type kept");
          }
          if (!oldPlan.scope().equals(newPlan.scope())) {
            reasons.add(
                "the joined fields changed: the stored results hold rows of the old fields"
                    + " and keep them until a side's row changes");
          }
        }
      }
    }
    if (!reasons.isEmpty()) {
      return new StateChange(
          step.name(), "join", stores, Outcome.INCOMPATIBLE, String.join("; ", reasons));
    }
    boolean sidesGrew =
        newPlan.shape() == JoinPlan.Shape.STREAM_STREAM
            && (!before.node(was.input()).type().equals(after.node(step.input()).type())
                || !before.node(old.with()).type().equals(after.node(now.with()).type()));
    if (!was.equals(step) || sidesGrew) {
      return new StateChange(
          step.name(),
          "join",
          stores,
          Outcome.EXTENDED,
          stores.isEmpty()
              ? "the join keeps no store of its own; the change applies to records looked up"
                  + " after the update"
              : sidesGrew
                  ? "fields were added to a side: the stored records are read forward, and those"
                      + " stored before the update join without them"
                  : "the change comes after the join's stores (a select), so the stored records"
                      + " are read as they are");
    }
    return new StateChange(
        step.name(), "join", stores, Outcome.UNCHANGED, "the step's definition is unchanged");
  }

  private static void streamStream(
      ValidatedPipeline before,
      ValidatedPipeline after,
      StepSpec was,
      StepSpec step,
      List<String> reasons) {
    JoinSpec old = was.join();
    JoinSpec now = step.join();
    if (!Objects.equals(old.within(), now.within()) || !Objects.equals(old.grace(), now.grace())) {
      reasons.add(
          "within or grace changed (from "
              + text(old.within())
              + " and "
              + text(old.grace())
              + " to "
              + text(now.within())
              + " and "
              + text(now.grace())
              + "): the join's window stores are sized and retained by them");
    }
    if (old.typeOrDefault() != now.typeOrDefault()) {
      reasons.add(
          "the join type changed from "
              + old.typeOrDefault().name().toLowerCase()
              + " to "
              + now.typeOrDefault().name().toLowerCase()
              + ": left and outer stream joins keep records still without a match in a store"
              + " of their own");
    }
    side(before.node(was.input()).type(), after.node(step.input()).type(), step.input(), reasons);
    side(before.node(old.with()).type(), after.node(now.with()).type(), now.with(), reasons);
  }

  /**
   * A side's declared fields, against what the window stores hold: records as JSON, read back with
   * the side's declaration, which accepts an absent field and coerces a present one to its declared
   * type, and passes an undeclared one through into the joined record.
   */
  private static void side(RecordType was, RecordType now, String side, List<String> reasons) {
    List<String> changed = new ArrayList<>();
    for (String field : was.names()) {
      if (!now.has(field)) {
        changed.add(field + " removed");
      } else if (!was.type(field).equals(now.type(field))) {
        changed.add(field + " changed type from " + was.type(field) + " to " + now.type(field));
      }
    }
    if (!changed.isEmpty()) {
      reasons.add(
          "the fields of "
              + side
              + " changed ("
              + String.join(", ", changed)
              + "): the window stores hold its records as they were declared");
    }
  }

  private static boolean versionedLatest(ValidatedPipeline pipeline, StepSpec step) {
    JoinSpec join = step.join();
    return pipeline.join(step.name()).shape() == JoinPlan.Shape.STREAM_TABLE
        && !join.isAsOf()
        && pipeline.spec().tablesOrEmpty().stream()
            .anyMatch(table -> table.name().equals(join.with()) && table.versioned() != null);
  }

  private static boolean inputKeyChanged(
      ValidatedPipeline before, ValidatedPipeline after, StepSpec was, StepSpec step) {
    return !Objects.equals(before.node(was.input()).key(), after.node(step.input()).key());
  }

  /**
   * The largest allowed lateness of the pipeline's sources, part of a deduplication's retention.
   */
  private static Duration lateness(ValidatedPipeline pipeline) {
    Duration lateness = Duration.ZERO;
    for (SourceSpec source : pipeline.spec().sourcesOrEmpty()) {
      if (source.eventTime() != null
          && source.eventTime().allowedLateness() != null
          && source.eventTime().allowedLateness().compareTo(lateness) > 0) {
        lateness = source.eventTime().allowedLateness();
      }
    }
    return lateness;
  }

  /**
   * Fields that the expressions of both versions read and whose declared type changed, as {@code
   * name type → type}. Expressions are read as words, which finds every field they name and at
   * worst a word that is not one.
   */
  private static Set<String> retypedFields(
      RecordType before,
      RecordType after,
      List<String> oldExpressions,
      List<String> newExpressions) {
    Set<String> read = new LinkedHashSet<>();
    for (String expression : oldExpressions) {
      read.addAll(words(expression));
    }
    Set<String> retyped = new LinkedHashSet<>();
    for (String expression : newExpressions) {
      for (String word : words(expression)) {
        if (read.contains(word) && before.has(word) && after.has(word)) {
          FieldType was = before.type(word);
          FieldType now = after.type(word);
          if (!was.equals(now)) {
            retyped.add(word + " changed type from " + was + " to " + now);
          }
        }
      }
    }
    return retyped;
  }

  private static List<String> words(String expression) {
    List<String> words = new ArrayList<>();
    Matcher matcher = IDENTIFIER.matcher(expression);
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }

  private static List<String> expressions(AggregateSpec aggregate) {
    List<String> expressions = new ArrayList<>();
    if (aggregate.groupBy() != null) {
      expressions.addAll(aggregate.groupBy().values());
    }
    aggregate.aggregates().values().stream()
        .map(AggregationSpec::of)
        .filter(Objects::nonNull)
        .forEach(expressions::add);
    return expressions;
  }

  private static boolean collects(AggregateSpec aggregate) {
    return aggregate.aggregates().values().stream()
        .anyMatch(aggregation -> aggregation.fn() == AggregateFunction.COLLECT);
  }

  private static Emit emit(AggregateSpec aggregate) {
    if (aggregate.emit() != null) {
      return aggregate.emit();
    }
    return aggregate.window() == null ? Emit.CHANGES : Emit.FINAL;
  }

  private static String group(AggregateSpec aggregate) {
    return aggregate.groupBy() == null ? "the record key" : aggregate.groupBy().toString();
  }

  private static String identity(DeduplicateSpec deduplicate) {
    return deduplicate.key() == null ? "the record key" : deduplicate.key();
  }

  private static String describe(AggregationSpec aggregation) {
    return aggregation.of() == null
        ? aggregation.fn().value()
        : aggregation.fn().value() + " of " + aggregation.of();
  }

  private static String window(WindowSpec window) {
    return switch (window.type()) {
      case TUMBLING, SLIDING -> window.type().name().toLowerCase() + " " + text(window.size());
      case HOPPING -> "hopping " + text(window.size()) + " advancing " + text(window.advance());
      case SESSION -> "session gap " + text(window.gap());
    };
  }

  private static String shape(JoinPlan plan) {
    return plan.shape().name().toLowerCase().replace('_', '-');
  }

  private static String text(Duration duration) {
    return duration == null ? "none" : Durations.format(duration);
  }
}
