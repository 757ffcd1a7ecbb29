package dev.tributary.worker.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepExpressionTest {

  private static final RecordType TYPE =
      new RecordType(
          Map.of(
              "a", FieldType.INT,
              "b", FieldType.INT,
              "name", FieldType.STRING,
              "prices", FieldType.parse("list<double>").orElseThrow()));

  private static Map<String, Object> record(Object... namesAndValues) {
    Map<String, Object> record = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      record.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return record;
  }

  @Test
  void nullFieldMakesTheResultNullAndTheConditionFalse() throws Exception {
    StepExpression sum = StepExpression.compile("a + b", TYPE);
    StepExpression positive = StepExpression.compile("a > 0 || b > 0", TYPE);

    assertThat(sum.evaluate(record("a", 1L, "b", null))).isNull();
    assertThat(positive.test(record("a", null, "b", null))).isFalse();
    assertThat(positive.test(record("a", null, "b", 3L))).isTrue();
  }

  @Test
  void missingFieldIsAnError() {
    StepExpression sum = StepExpression.compile("a + b", TYPE);

    assertThatThrownBy(() -> sum.evaluate(record("a", 1L)))
        .isInstanceOf(EvaluationException.class)
        .hasMessage("expression 'a + b' needs field 'b', which the record does not have");
  }

  @Test
  void runtimeErrorIsAnError() {
    StepExpression ratio = StepExpression.compile("a / b", TYPE);

    assertThatThrownBy(() -> ratio.evaluate(record("a", 1L, "b", 0L)))
        .isInstanceOf(EvaluationException.class)
        .hasMessage("expression 'a / b' failed: / by zero");
  }

  @Test
  void macrosAndConversionsGivePlainValues() throws Exception {
    Map<String, Object> record = record("prices", List.of(1.0, 200.0), "name", "ann", "a", 7L);

    assertThat(StepExpression.compile("prices.filter(p, p > 100.0)", TYPE).evaluate(record))
        .isEqualTo(List.of(200.0));
    assertThat(StepExpression.compile("uint(a)", TYPE).evaluate(record)).isEqualTo(7L);
    assertThat(StepExpression.compile("timestamp('1970-01-01T00:00:02Z')", TYPE).evaluate(record))
        .isEqualTo(2000L);
    assertThat(StepExpression.compile("name + '!'", TYPE).key(record)).isEqualTo("ann!");
  }

  @Test
  void keyOfNullIsAnError() {
    assertThatThrownBy(() -> StepExpression.compile("name", TYPE).key(record("name", null)))
        .isInstanceOf(EvaluationException.class)
        .hasMessage("key expression 'name' is null");
  }
}
