package dev.tributary.pipeline.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;

/**
 * A checked expression made into a program once per topology; evaluating it neither parses nor
 * reflects. Thread-safe: one instance serves every stream thread.
 */
public final class CompiledExpression {

  private final String source;
  private final CelRuntime.Program program;
  private final FieldType resultType;

  CompiledExpression(String source, CelRuntime.Program program, FieldType resultType) {
    this.source = source;
    this.program = program;
    this.resultType = resultType;
  }

  /**
   * Evaluates against one record's fields (field name to value), within the {@link RunBudget} of
   * one evaluation.
   *
   * <p>The fields are read where they are: {@code Program.eval(Map)} would first copy the whole map
   * into an activation (dropping null values), once per expression and record. A null value and an
   * absent field both resolve to nothing, as in that copy.
   */
  public Object evaluate(Map<String, ?> fields) throws CelEvaluationException {
    RunBudget.start();
    try {
      return program.eval(resolver(fields));
    } catch (CelEvaluationException e) {
      if (e.getMessage() != null && e.getMessage().contains("Iteration budget exceeded")) {
        throw new CelEvaluationException(
            "the expression's comprehensions ran more than "
                + Expressions.MAX_COMPREHENSION_ITERATIONS
                + " iterations for one record (the limit per record)",
            e);
      }
      throw e;
    }
  }

  private static CelVariableResolver resolver(Map<String, ?> fields) {
    return name -> Optional.ofNullable(adapt(fields.get(name)));
  }

  /**
   * The primitives CEL's map activation widens ({@code RuntimeHelpers.maybeAdaptPrimitive}, not
   * public): int to int64 and float to double, also inside an optional.
   */
  private static Object adapt(Object value) {
    return switch (value) {
      case Integer i -> i.longValue();
      case Float f -> f.doubleValue();
      case Optional<?> o when o.isPresent() -> Optional.of(adapt(o.get()));
      case null, default -> value;
    };
  }

  public String source() {
    return source;
  }

  public FieldType resultType() {
    return resultType;
  }

  @Override
  public String toString() {
    return source;
  }
}
