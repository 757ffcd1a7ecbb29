package dev.tributary.worker.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every expression with a shortcut gives, for every record, exactly what CEL gives: the same value,
 * or the same error (and so the same dead letter). The records cover each field being absent, null,
 * an ordinary value, and the values where Java and CEL could differ: NaN, the infinities, both
 * zeros, ints beyond 2^53, values of another kind in a field of type any.
 */
class ShortcutTest {

  private static final RecordType TYPE =
      new RecordType(
          Map.of(
              "s", FieldType.STRING,
              "t", FieldType.STRING,
              "i", FieldType.INT,
              "j", FieldType.INT,
              "d", FieldType.DOUBLE,
              "e", FieldType.DOUBLE,
              "b", FieldType.BOOL,
              "x", FieldType.parse("any").orElseThrow(),
              "l", FieldType.parse("list<double>").orElseThrow()));

  /** What a field may hold in a record; ABSENT leaves it out. */
  private static final Object ABSENT = new Object();

  private static final Map<String, List<Object>> VALUES =
      Map.of(
          "s", values("US", "DE", "", "us"),
          "t", values("US", "DE"),
          "i", values(0L, 1L, -5L, 50L, Long.MAX_VALUE, (1L << 53) + 1, -(1L << 53) - 1),
          "j", values(0L, 50L, -5L),
          "d",
              values(
                  0.0,
                  -0.0,
                  50.0,
                  49.99,
                  1e300,
                  -1e300,
                  Double.NaN,
                  Double.POSITIVE_INFINITY,
                  Double.NEGATIVE_INFINITY,
                  9.007199254740993e15),
          "e", values(0.0, -0.0, 50.0, Double.NaN),
          "b", values(true, false),
          "x", values("US", 50L, 50.0, true, List.of(1L), Map.of("k", 1L)),
          "l", values(List.of(1.0, 2.0), List.of()));

  private static List<Object> values(Object... ordinary) {
    List<Object> values = new ArrayList<>(List.of(ordinary));
    values.add(null);
    values.add(ABSENT);
    return values;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s",
        "i",
        "d",
        "b",
        "x",
        "l",
        "d >= 50.0 && s != \"US\"",
        "s == \"US\"",
        "\"US\" == s",
        "s != t",
        "s == t",
        "s < \"M\"",
        "i == 50",
        "i != 50",
        "i < j",
        "i <= 50",
        "50 > i",
        "i >= -5",
        "d == 50.0",
        "d != e",
        "d < e",
        "d <= 0.0",
        "d > 49.995",
        "d >= -1e300",
        "d > 50",
        "d < i",
        "i <= d",
        "i > 9007199254740993",
        "d >= j",
        "b == true",
        "b != b",
        "b",
        "!b",
        "!(i > 1)",
        "b && i > 1",
        "b || d < 0.0",
        "i > 1 && d > 1.0 && s == \"DE\"",
        "(i > 1 || d > 1.0) && !(s == \"DE\")",
        "x == \"US\"",
        "x == 50",
        "x > 10",
        "x == 50.0",
        "x != true",
        "x && b",
        "d / 0.0 > 1.0 || b",
        "i / j > 1 && b",
        "i / j > 1 || !b",
        "42",
        "'a' + 'b'",
        "1.5 * 2.0",
        "null",
        "true || false",
        "1 / 0 == 1",
        "[1, 2][0]",
        "timestamp('1970-01-01T00:00:02Z')",
        "uint(7)",
        "i + 1",
        "size(s) > 1",
        "d * 2.0 >= 100.0",
        "l.exists(p, p > 1.0)"
      })
  void shortcutAgreesWithCel(String source) {
    StepExpression fast = StepExpression.compile(source, TYPE);
    StepExpression cel = StepExpression.withoutShortcut(source, TYPE);

    List<String> fields = TYPE.names().stream().filter(f -> mentions(source, f)).sorted().toList();
    List<Map<String, Object>> records = records(fields);
    for (Map<String, Object> record : records) {
      assertThat(outcome(() -> fast.evaluate(record)))
          .as("%s on %s", source, record)
          .isEqualTo(outcome(() -> cel.evaluate(record)));
      assertThat(outcome(() -> fast.test(record)))
          .as("%s as a condition on %s", source, record)
          .isEqualTo(outcome(() -> cel.test(record)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "txId",
        "d >= 50.0 && s != \"US\"",
        "s != t",
        "i > 1 || !b",
        "42",
        "'a' + 'b'",
        "null"
      })
  void simpleExpressionsHaveAShortcut(String source) {
    RecordType type = TYPE.with("txId", FieldType.STRING);

    assertThat(StepExpression.compile(source, type).hasShortcut()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"i + 1", "size(s) > 1", "l.exists(p, p > 1.0)", "1 / 0 == 1"})
  void otherExpressionsStayWithCel(String source) {
    assertThat(StepExpression.compile(source, TYPE).hasShortcut()).isFalse();
  }

  private static boolean mentions(String source, String field) {
    return source.matches(".*\\b" + field + "\\b.*");
  }

  /** Every combination of the fields' values (absent and null included). */
  private static List<Map<String, Object>> records(List<String> fields) {
    List<Map<String, Object>> records = new ArrayList<>();
    records.add(new LinkedHashMap<>());
    for (String field : fields) {
      List<Map<String, Object>> extended = new ArrayList<>();
      for (Map<String, Object> record : records) {
        for (Object value : VALUES.get(field)) {
          Map<String, Object> next = new HashMap<>(record);
          if (value != ABSENT) {
            next.put(field, value);
          }
          extended.add(next);
        }
      }
      records = extended;
    }
    return records;
  }

  private interface Evaluation {
    Object run() throws EvaluationException;
  }

  private static String outcome(Evaluation evaluation) {
    try {
      Object value = evaluation.run();
      return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    } catch (EvaluationException e) {
      return "dead letter: " + e.getMessage();
    }
  }
}
