package dev.tributary.pipeline.expr;

import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_EMPTY;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_SYNTAX;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TOO_COSTLY;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FUNCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelUnknownSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionsTest {

  private static final RecordType TRANSACTION =
      record(
          "amount",
          "double",
          "count",
          "int",
          "merchant",
          "string",
          "ts",
          "timestamp",
          "tags",
          "list<string>",
          "attributes",
          "map<string,string>");

  @Test
  void filterOverDeclaredFieldsIsBool() {
    ExpressionCheck check = Expressions.check("amount > 100.0 && merchant != \"\"", TRANSACTION);

    assertThat(check.problems()).isEmpty();
    assertThat(check.resultType()).isEqualTo(FieldType.BOOL);
  }

  @Test
  void timestampsAreEpochMillisecondsSoArithmeticOnThemIsInt() {
    assertThat(Expressions.check("ts + 60000", TRANSACTION).resultType()).isEqualTo(FieldType.INT);
  }

  @Test
  void unknownFieldInFilterSuggestsClosestName() {
    ExpressionCheck check = Expressions.check("amout > 100.0", TRANSACTION);

    assertThat(check.problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                UNKNOWN_FIELD, "unknown field 'amout' (did you mean 'amount'?) at column 1"));
  }

  @Test
  void unknownFunctionSuggestsCelsNameForIt() {
    assertThat(Expressions.check("length(merchant) > 3", TRANSACTION).problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                UNKNOWN_FUNCTION, "unknown function 'length' (did you mean 'size'?) at column 1"));
  }

  @Test
  void macrosAreAvailable() {
    assertThat(
            Expressions.check("tags.all(t, t != \"\") && has(attributes.channel)", TRANSACTION)
                .ok())
        .isTrue();
    assertThat(Expressions.check("tags.map(t, t + \"!\")", TRANSACTION).resultType().name())
        .isEqualTo("list<string>");
    assertThat(Expressions.check("tags.exists_one(t, t == merchant)", TRANSACTION).ok()).isTrue();
  }

  @Test
  void operatorOnTypesItDoesNotTakeNamesTheOperatorAndTheTypes() {
    assertThat(Expressions.check("merchant + amount", TRANSACTION).problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                EXPRESSION_TYPE,
                "operator '+' cannot be applied to string and double at column 10"));
  }

  @Test
  void equalityOfIntAndDoubleSuggestsAConversion() {
    assertThat(Expressions.check("amount == count", TRANSACTION).problems())
        .extracting(ExpressionCheck.Problem::message)
        .containsExactly(
            "operator '==' cannot be applied to double and int; convert one side with double(…) or"
                + " int(…) at column 8");
  }

  @Test
  void syntaxErrorIsReportedOnceAtItsColumn() {
    assertThat(Expressions.check("\"unterminated", TRANSACTION).problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                EXPRESSION_SYNTAX, "syntax error: cannot read '\"unterminated' at column 1"));
    assertThat(Expressions.check("amount > 1.0 &&", TRANSACTION).problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                EXPRESSION_SYNTAX, "syntax error: the expression ends too early at column 16"));
  }

  @Test
  void errorOnALaterLineSaysWhichLine() {
    assertThat(Expressions.check("amount > 1.0\n  && merchnt == \"x\"", TRANSACTION).problems())
        .extracting(ExpressionCheck.Problem::message)
        .containsExactly("unknown field 'merchnt' (did you mean 'merchant'?) at line 2, column 6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyExpressionIsAProblem(String source) {
    assertThat(Expressions.check(source, TRANSACTION).problems())
        .extracting(ExpressionCheck.Problem::code)
        .containsExactly(EXPRESSION_EMPTY);
  }

  @Test
  void sourceLongerThanTheLimitIsTooCostly() {
    String longest = "amount > " + "1".repeat(Expressions.MAX_SOURCE_LENGTH - 11) + ".0";
    String tooLong = longest + " ";

    assertThat(longest).hasSize(Expressions.MAX_SOURCE_LENGTH);
    assertThat(Expressions.check(longest, TRANSACTION).problems())
        .extracting(ExpressionCheck.Problem::code)
        .doesNotContain(EXPRESSION_TOO_COSTLY);
    assertThat(Expressions.check(tooLong, TRANSACTION).problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                EXPRESSION_TOO_COSTLY,
                "expression has 1001 characters; the limit is 1000 (split it into several steps)"));
  }

  @Test
  void expressionWithMoreNodesThanTheLimitIsTooCostly() {
    String list =
        "size([" + String.join(",", Collections.nCopies(Expressions.MAX_NODES, "1")) + "]) > 0";

    assertThat(Expressions.check(list, TRANSACTION).problems())
        .containsExactly(
            new ExpressionCheck.Problem(
                EXPRESSION_TOO_COSTLY,
                "expression has 254 nodes; the limit is 250 (split it into several steps)"));
  }

  @Test
  void expressionNestingDeeperThanTheLimitIsTooCostlyNotASyntaxError() {
    String chain = String.join(" + ", Collections.nCopies(Expressions.MAX_NESTING + 8, "amount"));

    assertThat(Expressions.check(chain, TRANSACTION).problems())
        .extracting(ExpressionCheck.Problem::code)
        .containsExactly(EXPRESSION_TOO_COSTLY);
  }

  @Test
  void repeatedCheckOfTheSameExpressionIsAnsweredFromTheCache() {
    ExpressionCheck first = Expressions.check("amount * 2.0", TRANSACTION);

    assertThat(
            Expressions.check(
                "amount * 2.0",
                record(
                    "amount",
                    "double",
                    "count",
                    "int",
                    "merchant",
                    "string",
                    "ts",
                    "timestamp",
                    "tags",
                    "list<string>",
                    "attributes",
                    "map<string,string>")))
        .isSameAs(first);
  }

  @Test
  void compiledExpressionEvaluatesOneRecord() throws CelEvaluationException {
    CompiledExpression doubled = Expressions.compile("amount * 2.0", TRANSACTION);

    assertThat(doubled.evaluate(Map.of("amount", 2.5))).isEqualTo(5.0);
    assertThat(doubled.resultType()).isEqualTo(FieldType.DOUBLE);
  }

  @Test
  void nullAndAbsentFieldsAreUnknownAsInAMapActivation() throws CelEvaluationException {
    CompiledExpression doubled = Expressions.compile("amount * 2.0", TRANSACTION);
    Map<String, Object> nullAmount = new LinkedHashMap<>();
    nullAmount.put("amount", null);

    assertThat(doubled.evaluate(nullAmount)).isInstanceOf(CelUnknownSet.class);
    assertThat(doubled.evaluate(Map.of("count", 1L))).isInstanceOf(CelUnknownSet.class);
  }

  @Test
  void javaIntsAndFloatsAreWidenedAsInAMapActivation() throws CelEvaluationException {
    assertThat(Expressions.compile("count + 1", TRANSACTION).evaluate(Map.of("count", 2)))
        .isEqualTo(3L);
    assertThat(Expressions.compile("amount * 2.0", TRANSACTION).evaluate(Map.of("amount", 1.5f)))
        .isEqualTo(3.0);
  }

  @Test
  void evaluationDoesNotChangeTheRecord() throws CelEvaluationException {
    Map<String, Object> record = new LinkedHashMap<>(Map.of("amount", 2.5, "merchant", "m"));

    Expressions.compile("amount * 2.0", TRANSACTION).evaluate(record);

    assertThat(record).containsExactlyInAnyOrderEntriesOf(Map.of("amount", 2.5, "merchant", "m"));
  }

  @Test
  void comprehensionStopsAtTheIterationLimit() {
    CompiledExpression all = Expressions.compile("tags.all(t, t != \"\")", TRANSACTION);
    List<String> tags = Collections.nCopies(Expressions.MAX_COMPREHENSION_ITERATIONS + 1, "tag");

    assertThatThrownBy(() -> all.evaluate(Map.of("tags", tags)))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining("ran more than 10000 iterations for one record");
  }

  @Test
  void expressionWithProblemsDoesNotCompile() {
    assertThatThrownBy(() -> Expressions.compile("amout > 1.0", TRANSACTION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amout");
  }

  private static RecordType record(String... namesAndTypes) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put(namesAndTypes[i], FieldType.parse(namesAndTypes[i + 1]).orElseThrow());
    }
    return new RecordType(fields);
  }
}
