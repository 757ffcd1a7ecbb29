package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.expression.EvaluationException;
import dev.tributary.worker.expression.StepExpression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code explode}: one record per element of a list, each with the input's fields and the element
 * under {@code as}. A null or empty list emits nothing.
 */
final class ExplodeStep {

  private ExplodeStep() {}

  static Flow apply(CompileContext context, Flow in, StepSpec step, RecordType out) {
    StepExpression items = StepExpression.compile(step.explode().items(), in.type());
    String as = step.explode().as();
    return context.evaluate(
        in,
        step.name(),
        step.name() + ".explode",
        out,
        (record, emit) -> {
          Object value = items.evaluate(record);
          if (value == null) {
            return;
          }
          if (!(value instanceof List<?> list)) {
            throw new EvaluationException(
                "explode items '" + items.source() + "' is " + value + ", not a list");
          }
          for (Object element : list) {
            Map<String, Object> exploded = new LinkedHashMap<>(record);
            exploded.put(as, element);
            emit.accept(exploded);
          }
        });
  }
}
