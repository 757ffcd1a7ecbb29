package dev.tributary.worker.expression;

import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.runtime.CelUnknownSet;
import dev.tributary.pipeline.expr.CompiledExpression;
import dev.tributary.pipeline.expr.ExpressionCheck;
import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.worker.record.RecordKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One expression of a step, compiled once when the topology is built and evaluated per record with
 * the record's fields as variables.
 *
 * <p>Null has SQL's meaning: CEL reports a field that is null as unknown, the unknown spreads
 * through the expression, and the result is null (a filter then does not pass the record). A field
 * the expression needs that is absent from the record is an error, as is any runtime error of CEL
 * (division by zero, overflow, a bad index); the caller dead-letters the record.
 */
public final class StepExpression {

  private final CompiledExpression compiled;
  private final List<String> fields;

  /** Computes the common cases of simple expressions without CEL; null when there is none. */
  private final Shortcut shortcut;

  private StepExpression(CompiledExpression compiled, List<String> fields, Shortcut shortcut) {
    this.compiled = compiled;
    this.fields = fields;
    this.shortcut = shortcut;
  }

  /** Compiles an expression that the validator already checked against {@code scope}. */
  public static StepExpression compile(String source, RecordType scope) {
    StepExpression cel = withoutShortcut(source, scope);
    ExpressionCheck check = Expressions.check(source, scope);
    Shortcut shortcut =
        cel.fields.isEmpty()
            ? cel.constant().orElse(null)
            : Shortcut.of(check.ast().getExpr(), scope).orElse(null);
    return new StepExpression(cel.compiled, cel.fields, shortcut);
  }

  /** The same expression, always evaluated by CEL: the reference its shortcut is tested on. */
  static StepExpression withoutShortcut(String source, RecordType scope) {
    ExpressionCheck check = Expressions.check(source, scope);
    CompiledExpression compiled = Expressions.compile(check);
    List<String> fields =
        CelNavigableAst.fromAst(check.ast())
            .getRoot()
            .allNodes()
            .map(CelNavigableExpr::expr)
            .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.IDENT)
            .map(e -> e.ident().name())
            .filter(scope::has)
            .distinct()
            .toList();
    return new StepExpression(compiled, fields, null);
  }

  /**
   * An expression that reads no field has one value for every record: computed here, once, when it
   * is a plain value. One that fails stays with CEL, to fail for each record as before.
   */
  private Optional<Shortcut> constant() {
    try {
      Object value = evaluate(Map.of());
      if (value == null
          || value instanceof String
          || value instanceof Long
          || value instanceof Double
          || value instanceof Boolean) {
        return Optional.of(new Shortcut.Constant(value));
      }
    } catch (EvaluationException e) {
      // evaluated per record, where it fails the record
    }
    return Optional.empty();
  }

  boolean hasShortcut() {
    return shortcut != null;
  }

  /** The value of the expression for one record, or null. */
  public Object evaluate(Map<String, Object> record) throws EvaluationException {
    if (shortcut != null) {
      Object value = shortcut.apply(record);
      if (value != Shortcut.UNDECIDED) {
        return value;
      }
    }
    Object result;
    try {
      result = compiled.evaluate(record);
    } catch (Exception e) {
      throw new EvaluationException("expression '" + compiled.source() + "' failed: " + reason(e));
    }
    if (result instanceof CelUnknownSet) {
      for (String field : fields) {
        if (!record.containsKey(field)) {
          throw new EvaluationException(
              "expression '"
                  + compiled.source()
                  + "' needs field '"
                  + field
                  + "', which the record does not have");
        }
      }
      return null;
    }
    return CelValues.toRecordValue(result);
  }

  /** A condition: true only when the expression is true; null counts as false. */
  public boolean test(Map<String, Object> record) throws EvaluationException {
    Object result = evaluate(record);
    if (result == null || result instanceof Boolean) {
      return Boolean.TRUE.equals(result);
    }
    throw new EvaluationException(
        "condition '" + compiled.source() + "' is " + result + ", not true or false");
  }

  /** A record key computed by the expression; a null key is an error. */
  public String key(Map<String, Object> record) throws EvaluationException {
    String key = RecordKeys.of(evaluate(record));
    if (key == null) {
      throw new EvaluationException("key expression '" + compiled.source() + "' is null");
    }
    return key;
  }

  public String source() {
    return compiled.source();
  }

  /** The record's fields the expression reads. */
  public List<String> fields() {
    return fields;
  }

  /** The type the checker gave the expression. */
  public FieldType resultType() {
    return compiled.resultType();
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // CEL prefixes "evaluation error at <input>:N: "; the expression is already named.
    int at = message.indexOf("<input>:");
    if (at >= 0) {
      int colon = message.indexOf(": ", at);
      if (colon > 0) {
        return message.substring(colon + 2);
      }
    }
    return message;
  }
}
