package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.expression.StepExpression;
import java.util.Map;

/** {@code select}: records with exactly the selected fields, each computed by its expression. */
final class SelectStep {

  private SelectStep() {}

  static Flow apply(CompileContext context, Flow in, StepSpec step, RecordType out) {
    return context.evaluate(
        in, step.name(), step.name() + ".select", out, projection(step.select(), in.type()));
  }

  /** The record function of a projection; joins use it for their {@code select} too. */
  static RecordFunction<Map<String, Object>> projection(
      Map<String, String> select, RecordType scope) {
    String[] names = select.keySet().toArray(String[]::new);
    StepExpression[] expressions = new StepExpression[names.length];
    for (int i = 0; i < names.length; i++) {
      expressions[i] = StepExpression.compile(select.get(names[i]), scope);
    }
    Projection.Layout layout = new Projection.Layout(names);
    return (record, emit) -> {
      Object[] values = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        values[i] = expressions[i].evaluate(record);
      }
      emit.accept(new Projection(layout, values));
    };
  }
}
