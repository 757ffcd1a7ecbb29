package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.expression.StepExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One aggregate of a group: its running state and how records fold into it. Null inputs are skipped
 * by every function; {@code count} counts records. {@code first} and {@code last} follow arrival
 * order, as Kafka Streams aggregates records.
 *
 * <p>Inputs are checked and converted when a record is prepared ({@link #input}), where a bad value
 * can still be dead-lettered; folding ({@link #add}, {@link #merge}) then cannot fail.
 *
 * @param name the output field
 * @param of the aggregated expression; null for count
 */
record Aggregation(String name, AggregateFunction fn, StepExpression of) {

  /** The type of the state kept between records, for the state store's serde. */
  FieldType stateType() {
    return switch (fn) {
      case COUNT -> FieldType.INT;
      case SUM -> of.resultType() == FieldType.INT ? FieldType.INT : FieldType.DOUBLE;
      case AVG -> FieldType.parse("list<double>").orElseThrow();
      case COLLECT -> FieldType.parse("list<" + of.resultType().name() + ">").orElse(FieldType.ANY);
      case MIN, MAX, FIRST, LAST -> of.resultType();
    };
  }

  /** The type of a record's converted input ({@link #input}); meaningless for count. */
  FieldType inputType() {
    return switch (fn) {
      case SUM -> stateType();
      case AVG -> FieldType.DOUBLE;
      default -> of.resultType();
    };
  }

  /** The aggregated value of one record, converted for folding; null for count. */
  Object input(Map<String, Object> record) throws EvaluationException {
    if (of == null) {
      return null;
    }
    Object value = of.evaluate(record);
    if (value == null) {
      return null;
    }
    return switch (fn) {
      case SUM -> stateType() == FieldType.INT ? value : toDouble(value);
      case AVG -> toDouble(value);
      case MIN, MAX -> {
        if (value instanceof Number || value instanceof String) {
          yield value;
        }
        throw new EvaluationException(
            fn.value() + " of '" + of.source() + "' needs numbers or strings, got " + value);
      }
      default -> value;
    };
  }

  Object add(Object state, Object input) {
    if (fn == AggregateFunction.COUNT) {
      return count(state) + 1;
    }
    if (input == null) {
      return state;
    }
    return switch (fn) {
      case SUM -> sum(state, input);
      case MIN -> state == null || compare(input, state) < 0 ? input : state;
      case MAX -> state == null || compare(input, state) > 0 ? input : state;
      case AVG -> {
        List<?> avg = (List<?>) state;
        double sum = avg == null ? 0 : (Double) avg.get(0);
        double count = avg == null ? 0 : (Double) avg.get(1);
        yield List.of(sum + (Double) input, count + 1);
      }
      case FIRST -> state == null ? input : state;
      case LAST -> input;
      case COLLECT -> {
        List<Object> collected =
            state == null ? new ArrayList<>() : new ArrayList<>((List<?>) state);
        collected.add(input);
        yield collected;
      }
      case COUNT -> throw new IllegalStateException("count is handled above");
    };
  }

  /** Merges the states of two session windows, {@code earlier} before {@code later}. */
  Object merge(Object earlier, Object later) {
    if (earlier == null) {
      return later;
    }
    if (later == null) {
      return earlier;
    }
    return switch (fn) {
      case COUNT -> count(earlier) + count(later);
      case SUM -> sum(earlier, later);
      case MIN -> compare(later, earlier) < 0 ? later : earlier;
      case MAX -> compare(later, earlier) > 0 ? later : earlier;
      case AVG -> {
        List<?> a = (List<?>) earlier;
        List<?> b = (List<?>) later;
        yield List.of((Double) a.get(0) + (Double) b.get(0), (Double) a.get(1) + (Double) b.get(1));
      }
      case FIRST -> earlier;
      case LAST -> later;
      case COLLECT -> {
        List<Object> collected = new ArrayList<>((List<?>) earlier);
        collected.addAll((List<?>) later);
        yield collected;
      }
    };
  }

  /** The output value of a state. */
  Object result(Object state) {
    return switch (fn) {
      case COUNT -> count(state);
      case SUM -> state != null ? state : stateType() == FieldType.INT ? (Object) 0L : (Object) 0.0;
      case AVG -> {
        List<?> avg = (List<?>) state;
        yield avg == null ? null : (Double) avg.get(0) / (Double) avg.get(1);
      }
      case COLLECT -> state == null ? List.of() : state;
      case MIN, MAX, FIRST, LAST -> state;
    };
  }

  private static long count(Object state) {
    return state == null ? 0L : (Long) state;
  }

  private static Object sum(Object state, Object input) {
    if (state == null) {
      return input;
    }
    if (state instanceof Long a && input instanceof Long b) {
      return a + b;
    }
    return ((Number) state).doubleValue() + ((Number) input).doubleValue();
  }

  /** Numbers by value, strings by text; numbers sort before strings when a field is any. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Number) {
      return -1;
    }
    if (b instanceof Number) {
      return 1;
    }
    return ((Comparable) a).compareTo(b);
  }

  private Object toDouble(Object value) throws EvaluationException {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new EvaluationException(
        fn.value() + " of '" + of.source() + "' needs numbers, got " + value);
  }
}
