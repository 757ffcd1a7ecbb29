package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.worker.deadletter.DeadLetters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Consecutive stateless operations on a stream — a source's parse, then filters, selects, explodes
 * and the preparation of an aggregate — that run in one processor, {@link StatelessStepsProcessor}:
 * a record passes one Kafka Streams node for all of them instead of one per step. Built while the
 * topology is compiled and made a processor only when a step that needs the stream itself (a sink,
 * a join, an aggregation, a shared input) asks for it.
 *
 * <p>After a source, the parse keeps only the fields the operations read before the first that
 * makes records of its own, a select or an aggregate's preparation ({@link Reads}).
 *
 * <p>The processor is named after what it does: its operations' names joined by {@code _}, which
 * step names cannot contain ({@code transactions.parse_large-domestic.filter_payments.select}), so
 * that {@code /explain} still shows every step. A failure is dead-lettered with the name of the
 * step that failed, as before.
 */
final class StatelessSteps {

  /**
   * One step's operation: its name in dead-letter headers, its operator name, its function, and
   * what it reads of its input.
   */
  record Operation(
      String step, String name, RecordFunction<Map<String, Object>> function, Reads reads) {}

  /**
   * What an operation reads of its input record: a source's parse keeps only the fields that the
   * operations after it read, up to the first that makes records of its own.
   *
   * @param fields the fields it reads; null when it may read any
   * @param passesOn it emits its input record itself (a filter), whose fields what follows reads
   */
  record Reads(Set<String> fields, boolean passesOn) {

    /** An operation that reads, or passes on, the whole record. */
    static final Reads EVERYTHING = new Reads(null, true);

    /** Reads these fields and emits its input record, or none (a filter). */
    static Reads passing(Collection<String> fields) {
      return new Reads(Set.copyOf(fields), true);
    }

    /** Reads these fields and emits records of its own (a select). */
    static Reads only(Collection<String> fields) {
      return new Reads(Set.copyOf(fields), false);
    }
  }

  /** A source's parse: its name in dead-letter headers, its operator name, its record type. */
  record Parse(String input, String name, RecordType type) {}

  private final DeadLetters deadLetters;
  private final KStream<String, ?> upstream;
  private final Parse parse;
  private final List<Operation> operations;
  private KStream<String, Map<String, Object>> stream;

  private StatelessSteps(
      DeadLetters deadLetters,
      KStream<String, ?> upstream,
      Parse parse,
      List<Operation> operations) {
    this.deadLetters = deadLetters;
    this.upstream = upstream;
    this.parse = parse;
    this.operations = operations;
  }

  /** Parses a source's values, and whatever steps follow. */
  static StatelessSteps parsing(DeadLetters deadLetters, KStream<String, byte[]> raw, Parse parse) {
    return new StatelessSteps(deadLetters, raw, parse, List.of());
  }

  /** Steps on a stream of records. */
  static StatelessSteps on(DeadLetters deadLetters, KStream<String, Map<String, Object>> records) {
    return new StatelessSteps(deadLetters, records, null, List.of());
  }

  /**
   * These operations followed by one more. Only for the one consumer of this chain's output: the
   * chain itself then never becomes a processor (see {@link Flow}).
   */
  StatelessSteps then(Operation operation) {
    if (stream != null) {
      return on(deadLetters, stream).then(operation);
    }
    List<Operation> extended = new ArrayList<>(operations);
    extended.add(operation);
    return new StatelessSteps(deadLetters, upstream, parse, List.copyOf(extended));
  }

  /** The stream of the operations' output; adds their processor on first use. */
  KStream<String, Map<String, Object>> stream() {
    return stream(Reads.EVERYTHING);
  }

  /**
   * The stream of the operations' output, for one consumer that reads of it what {@code consumer}
   * says; adds their processor on first use.
   */
  KStream<String, Map<String, Object>> stream(Reads consumer) {
    if (stream == null) {
      String name = name();
      @SuppressWarnings("unchecked")
      KStream<String, Object> input = (KStream<String, Object>) upstream;
      Parse parsing = parse;
      List<Operation> steps = operations;
      Set<String> parsed = parse == null ? null : parsedFields(consumer);
      stream =
          input.processValues(
              () -> new StatelessStepsProcessor(name, deadLetters, parsing, parsed, steps),
              Named.as(name));
      deadLetters.attach(stream, name);
    }
    return stream;
  }

  /**
   * The fields of the parsed record that the operations and their consumer read, or null for all:
   * when a record leaves as parsed, or any of them may read any field, the whole record is needed.
   */
  private Set<String> parsedFields(Reads consumer) {
    Set<String> fields = new HashSet<>();
    List<Reads> readers = new ArrayList<>();
    operations.forEach(operation -> readers.add(operation.reads()));
    readers.add(consumer);
    for (Reads reads : readers) {
      if (reads.fields() == null) {
        return null;
      }
      fields.addAll(reads.fields());
      if (!reads.passesOn()) {
        return fields;
      }
    }
    return null;
  }

  private String name() {
    List<String> names = new ArrayList<>();
    if (parse != null) {
      names.add(parse.name());
    }
    operations.forEach(operation -> names.add(operation.name()));
    return String.join("_", names);
  }
}
