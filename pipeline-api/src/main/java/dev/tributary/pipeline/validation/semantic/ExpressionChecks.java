package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_SELECT;
import static dev.tributary.pipeline.validation.ValidationCode.EXPRESSION_TYPE;

import dev.cel.common.types.CelKind;
import dev.tributary.pipeline.expr.ExpressionCheck;
import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.validation.JsonPaths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CEL expressions of steps and sinks: each type-checks against the fields of its input, has the
 * type its place needs, and a select's fields are named and typed by theirs.
 */
final class ExpressionChecks {

  private final CheckContext context;
  private final FieldChecks fields;

  ExpressionChecks(CheckContext context, FieldChecks fields) {
    this.context = context;
    this.fields = fields;
  }

  /**
   * Reports the problems of an expression whose value is used (a key, a list to explode, a value to
   * aggregate); returns its type, or null when it has problems. One whose type is null, such as
   * {@code null} itself, is always null and so refused: its type would otherwise pass as {@code
   * any}.
   */
  FieldType expression(String path, String source, RecordType scope) {
    ExpressionCheck check = checked(path, source, scope);
    if (check.ok() && alwaysNull(check)) {
      context.error(
          path, EXPRESSION_TYPE, "'" + source + "' is always null; a value is needed here");
      return null;
    }
    return check.ok() ? check.resultType() : null;
  }

  void expect(String path, String source, RecordType scope, String typeName) {
    ExpressionCheck check = checked(path, source, scope);
    if (!check.ok()) {
      return;
    }
    FieldType type = check.resultType();
    boolean dynamic = type.celType().kind() == CelKind.DYN && !alwaysNull(check);
    if (!type.name().equals(typeName) && !dynamic) {
      context.error(
          path,
          EXPRESSION_TYPE,
          "'"
              + source
              + "' is "
              + (alwaysNull(check) ? "null" : type)
              + ", but a "
              + typeName
              + " is needed here");
    }
  }

  private ExpressionCheck checked(String path, String source, RecordType scope) {
    ExpressionCheck check = Expressions.check(source, scope);
    for (ExpressionCheck.Problem problem : check.problems()) {
      context.error(path, problem.code(), problem.message());
    }
    return check;
  }

  /** CEL types {@code null} as a type of its own, which {@link FieldType} shows as {@code any}. */
  private static boolean alwaysNull(ExpressionCheck check) {
    return check.ast().getResultType().kind() == CelKind.NULL_TYPE;
  }

  /** A key must be a value Kafka can hash and compare. */
  void scalar(String path, String source, FieldType type) {
    if (type == null) {
      return;
    }
    CelKind kind = type.celType().kind();
    if (kind == CelKind.LIST || kind == CelKind.MAP || kind == CelKind.BYTES) {
      context.error(
          path,
          EXPRESSION_TYPE,
          "a key must be a string, number or bool, but '" + source + "' is " + type);
    }
  }

  /** The record a select makes: one field per entry, of its expression's type. */
  RecordType projection(String path, Map<String, String> select, RecordType scope) {
    if (select.isEmpty()) {
      context.error(path, EMPTY_SELECT, "select needs at least one output field");
    }
    Map<String, FieldType> out = new LinkedHashMap<>();
    select.forEach(
        (field, expression) -> {
          String fieldPath = JsonPaths.member(path, field);
          fields.fieldName(fieldPath, field);
          // An output field may be set to null on purpose.
          ExpressionCheck check = checked(fieldPath, expression, scope);
          out.put(field, check.ok() ? check.resultType() : FieldType.ANY);
        });
    return new RecordType(out);
  }

  /**
   * What the record key equals after a projection: the output field that copies it, or the same
   * expression when every field it reads is kept as it is; unknown otherwise.
   */
  static String keyAfterSelect(String key, Map<String, String> select, RecordType in) {
    if (key == null) {
      return null;
    }
    for (Map.Entry<String, String> field : select.entrySet()) {
      if (normalize(field.getValue()).equals(key)) {
        return field.getKey();
      }
    }
    Map<String, FieldType> kept = new LinkedHashMap<>();
    select.forEach(
        (field, expression) -> {
          if (normalize(expression).equals(field) && in.has(field)) {
            kept.put(field, in.type(field));
          }
        });
    return !kept.isEmpty() && Expressions.check(key, new RecordType(kept)).ok() ? key : null;
  }

  /** An expression as keys are compared: without whitespace. */
  static String normalize(String expression) {
    return expression.replaceAll("\\s+", "");
  }
}
