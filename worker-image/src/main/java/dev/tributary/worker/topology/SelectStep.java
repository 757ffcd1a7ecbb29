package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.expression.StepExpression;
import dev.tributary.worker.record.Projection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code select}: records with exactly the selected fields, each computed by its expression. */
final class SelectStep {

  private SelectStep() {}

  static Flow apply(CompileContext context, Flow in, StepSpec step, RecordType out) {
    Map<String, StepExpression> select = compile(step.select(), in.type());
    return context.evaluate(
        in,
        step.name(),
        step.name() + ".select",
        out,
        projection(select),
        StatelessSteps.Reads.only(fieldsRead(select)));
  }

  /** A select's expressions, compiled in the select's order; joins compile theirs here too. */
  static Map<String, StepExpression> compile(Map<String, String> select, RecordType scope) {
    Map<String, StepExpression> expressions = new LinkedHashMap<>();
    select.forEach((name, source) -> expressions.put(name, StepExpression.compile(source, scope)));
    return expressions;
  }

  /** The fields a select's expressions read. */
  static List<String> fieldsRead(Map<String, StepExpression> select) {
    return select.values().stream().flatMap(e -> e.fields().stream()).toList();
  }

  /** The record function of a projection. */
  static RecordFunction<Map<String, Object>> projection(Map<String, StepExpression> select) {
    Projection.Layout layout = new Projection.Layout(select.keySet().toArray(String[]::new));
    StepExpression[] expressions = select.values().toArray(StepExpression[]::new);
    return (record, emit) -> {
      Object[] values = new Object[expressions.length];
      for (int i = 0; i < expressions.length; i++) {
        values[i] = expressions[i].evaluate(record);
      }
      emit.accept(new Projection(layout, values));
    };
  }
}
