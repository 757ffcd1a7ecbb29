package dev.tributary.pipeline.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.tributary.pipeline.validation.ValidationCode;
import java.util.List;

/**
 * The outcome of type-checking one expression: a checked AST and its result type, or the problems
 * found, each with a stable code and a message a person can act on.
 */
public record ExpressionCheck(
    String source, CelAbstractSyntaxTree ast, FieldType resultType, List<Problem> problems) {

  /** One problem in an expression. */
  public record Problem(ValidationCode code, String message) {}

  public boolean ok() {
    return problems.isEmpty();
  }
}
