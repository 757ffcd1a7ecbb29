package dev.tributary.pipeline.expr;

import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TOO_COSTLY;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_PATTERN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.runtime.CelEvaluationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way an expression can cost without bound at run time, and the limit that stops it. */
class RunBudgetTest {

  private static final RecordType RECORD =
      new RecordType(
          Map.of(
              "merchant", FieldType.parse("string").orElseThrow(),
              "pattern", FieldType.parse("string").orElseThrow(),
              "tags", FieldType.parse("list<string>").orElseThrow()));

  private static final Map<String, Object> FIELDS =
      Map.of("merchant", "acme-pay", "pattern", "^acme", "tags", List.of("a", "b", "c"));

  /** Each step makes the text four times longer: 8 × 4¹² characters at the end, unbounded. */
  private static final String QUADRUPLED_TWELVE_TIMES =
      "[merchant]" + ".map(a, a + a + a + a)".repeat(12);

  @Test
  void aTextGrownExponentiallyStopsAtTheValueLimitQuickly() {
    CompiledExpression expression = Expressions.compile(QUADRUPLED_TWELVE_TIMES, RECORD);

    long started = System.nanoTime();
    assertThatThrownBy(() -> expression.evaluate(FIELDS))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("the limit is 1048576");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void listsGrownExponentiallyStopAtTheValueLimit() {
    CompiledExpression expression =
        Expressions.compile("[tags]" + ".map(l, l + l + l + l)".repeat(12), RECORD);

    assertThatThrownBy(() -> expression.evaluate(FIELDS))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("the limit is 1048576");
  }

  @Test
  void bytesGrownExponentiallyStopAtTheValueLimit() {
    CompiledExpression expression =
        Expressions.compile("[bytes(merchant)]" + ".map(b, b + b + b + b)".repeat(12), RECORD);

    assertThatThrownBy(() -> expression.evaluate(FIELDS))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("the limit is 1048576");
  }

  @Test
  void manyValuesUnderTheSizeLimitStopAtTheBudgetOfOneEvaluation() {
    // Nine quadruplings make 2 MiB from 8 characters: each '+' stays under the value limit by
    // building half a MiB at most, but together they build more than ten MiB.
    String halfMebibyte = "[merchant]" + ".map(a, a + a + a + a)".repeat(8);
    String manyTimes =
        "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(i, "
            + halfMebibyte
            + ")";
    CompiledExpression expression = Expressions.compile(manyTimes, RECORD);

    assertThatThrownBy(() -> expression.evaluate(FIELDS))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("built more than 10485760");
  }

  @Test
  void theBudgetStartsAgainForEveryRecord() throws CelEvaluationException {
    // Four texts of half a MiB, about 6.3 million characters built per evaluation: within one
    // budget, but two evaluations together would be over it.
    String halfMebibyte = "[merchant]" + ".map(a, a + a + a + a)".repeat(8);
    CompiledExpression expression =
        Expressions.compile("[1, 2, 3, 4].map(i, size(" + halfMebibyte + "[0]))", RECORD);

    for (int record = 0; record < 5; record++) {
      assertThat(expression.evaluate(FIELDS))
          .isEqualTo(List.of(524_288L, 524_288L, 524_288L, 524_288L));
    }
  }

  @Test
  void nestedComprehensionsShareOneIterationBudget() {
    String ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
    CompiledExpression expression =
        Expressions.compile(
            ten
                + ".map(a, "
                + ten
                + ".map(b, "
                + ten
                + ".map(c, "
                + ten
                + ".map(d, a + b + c + d))))",
            RECORD);

    assertThatThrownBy(() -> expression.evaluate(FIELDS))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessage(
            "the expression's comprehensions ran more than 10000 iterations for one record"
                + " (the limit per record)");
  }

  @Test
  void ordinaryExpressionsKeepTheirValues() throws CelEvaluationException {
    assertThat(Expressions.compile("merchant + '/' + merchant", RECORD).evaluate(FIELDS))
        .isEqualTo("acme-pay/acme-pay");
    assertThat(Expressions.compile("tags + ['d']", RECORD).evaluate(FIELDS))
        .isEqualTo(List.of("a", "b", "c", "d"));
    assertThat(Expressions.compile("size(tags.map(t, t + t))", RECORD).evaluate(FIELDS))
        .isEqualTo(3L);
    assertThat(Expressions.compile("merchant.matches('^acme-[a-z]+$')", RECORD).evaluate(FIELDS))
        .isEqualTo(true);
    assertThat(Expressions.compile("merchant.matches('pay')", RECORD).evaluate(FIELDS))
        .isEqualTo(Expressions.compile("matches(merchant, 'pay')", RECORD).evaluate(FIELDS));
  }

  @Test
  void catastrophicBacktrackingPatternsRunInLinearTime() throws CelEvaluationException {
    CompiledExpression expression = Expressions.compile("merchant.matches('(a+)+$')", RECORD);
    // A backtracking engine takes about 2^n steps for n a's followed by a character that fails.
    Map<String, Object> hostile = Map.of("merchant", "a".repeat(100_000) + "!");

    long started = System.nanoTime();
    assertThat(expression.evaluate(hostile)).isEqualTo(false);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\\\1", "(?<x>a)\\\\k<x>"})
  void backReferencesAreRefusedAtValidation(String pattern) {
    ExpressionCheck check = Expressions.check("merchant.matches('" + pattern + "')", RECORD);

    assertThat(check.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(INVALID_PATTERN);
              assertThat(p.message()).contains("back-references are not supported");
            });
  }

  @Test
  void lookAroundIsRefusedAtValidation() {
    ExpressionCheck check = Expressions.check("merchant.matches('acme(?=-pay)')", RECORD);

    assertThat(check.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(INVALID_PATTERN);
              assertThat(p.message()).contains("look-around is not supported");
            });
  }

  @Test
  void invalidLiteralPatternsAreRefusedAtValidationWithThePattern() {
    ExpressionCheck check = Expressions.check("merchant.matches('acme(')", RECORD);

    assertThat(check.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(INVALID_PATTERN);
              assertThat(p.message()).contains("missing closing )").endsWith("in 'acme('");
            });
  }

  @Test
  void patternsThatCompileToHugeProgramsAreRefusedAtValidation() {
    ExpressionCheck check = Expressions.check("merchant.matches('(a{100}){100}')", RECORD);

    assertThat(check.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(EXPRESSION_TOO_COSTLY);
              assertThat(p.message()).contains("the limit is 5000");
            });
  }

  @Test
  void patternsTakenFromTheRecordAreCheckedForEachRecord() throws CelEvaluationException {
    CompiledExpression expression = Expressions.compile("merchant.matches(pattern)", RECORD);

    assertThat(expression.evaluate(Map.of("merchant", "acme-pay", "pattern", "^acme")))
        .isEqualTo(true);
    assertThatThrownBy(
            () -> expression.evaluate(Map.of("merchant", "acme-pay", "pattern", "(a)\\1")))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("back-references are not supported");
    assertThatThrownBy(
            () -> expression.evaluate(Map.of("merchant", "acme-pay", "pattern", "(a{100}){100}")))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("the limit is 5000");
  }
}
