package dev.tributary.worker.topology;

import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.expression.StepExpression;

/** {@code filter}: keeps the records whose condition is true; on a table, drops the other rows. */
final class FilterStep {

  private FilterStep() {}

  static Flow apply(CompileContext context, Flow in, StepSpec step) {
    StepExpression condition = StepExpression.compile(step.filter(), in.type());
    boolean table = !in.isStream();
    return context.evaluate(
        in,
        step.name(),
        step.name() + ".filter",
        in.type(),
        (record, emit) -> {
          if (condition.test(record)) {
            emit.accept(record);
          } else if (table) {
            emit.accept(null);
          }
        },
        StatelessSteps.Reads.passing(condition.fields()));
  }
}
