package dev.tributary.pipeline.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import java.util.List;

/**
 * The outcome of type-checking one expression: a checked AST and its result type, or the
 * problems found, each with a stable code and a message a person can act on.
 */
public record ExpressionCheck(
    String source, CelAbstractSyntaxTree ast, FieldType resultType, List<Problem> problems) {

  /** One problem in an expression. */
  public record Problem(String code, String message) {}

  public boolean ok() {
    return problems.isEmpty();
  }
}
