package dev.tributary.pipeline.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

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

  /** Evaluates against one record's fields (field name to value). */
  public Object evaluate(Map<String, ?> fields) throws CelEvaluationException {
    return program.eval(fields);
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
