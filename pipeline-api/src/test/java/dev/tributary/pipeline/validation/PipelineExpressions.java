package dev.tributary.pipeline.validation;

import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregationSpec;
import dev.tributary.pipeline.spec.BranchSpec;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.StepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles every expression of a validated pipeline against the fields the worker will give it, as
 * the worker does at start-up: what validated must compile.
 */
final class PipelineExpressions {

  private PipelineExpressions() {}

  /** The expressions that failed to compile, each with where it is and why; empty when all did. */
  static List<String> compileAll(ValidatedPipeline pipeline) {
    List<String> failures = new ArrayList<>();
    for (StepSpec step : pipeline.stepsInOrder()) {
      RecordType input = pipeline.inputType(step);
      compile(failures, step.name() + ".filter", step.filter(), input);
      compile(failures, step.name() + ".rekey", step.rekey(), input);
      if (step.select() != null) {
        step.select()
            .forEach(
                (field, source) ->
                    compile(failures, step.name() + ".select." + field, source, input));
      }
      if (step.explode() != null) {
        compile(failures, step.name() + ".explode.items", step.explode().items(), input);
      }
      if (step.branch() != null) {
        for (BranchSpec branch : step.branch()) {
          compile(failures, step.name() + ".branch." + branch.name(), branch.when(), input);
        }
      }
      if (step.deduplicate() != null) {
        compile(failures, step.name() + ".deduplicate.key", step.deduplicate().key(), input);
      }
      if (step.aggregate() != null) {
        groupBy(failures, step, input);
        if (step.aggregate().aggregates() != null) {
          for (Map.Entry<String, AggregationSpec> aggregation :
              step.aggregate().aggregates().entrySet()) {
            compile(
                failures,
                step.name() + ".aggregates." + aggregation.getKey(),
                aggregation.getValue().of(),
                input);
          }
        }
      }
      if (step.join() != null) {
        compile(failures, step.name() + ".join.key", step.join().key(), input);
        compile(failures, step.name() + ".join.foreignKey", step.join().foreignKey(), input);
        RecordType scope = pipeline.join(step.name()).scope();
        if (step.join().select() != null) {
          step.join()
              .select()
              .forEach(
                  (field, source) ->
                      compile(failures, step.name() + ".join.select." + field, source, scope));
        }
      }
    }
    for (SinkSpec sink : pipeline.spec().sinksOrEmpty()) {
      compile(
          failures, "sink " + sink.name() + ".key", sink.key(), pipeline.node(sink.input()).type());
    }
    return failures;
  }

  private static void groupBy(List<String> failures, StepSpec step, RecordType input) {
    if (step.aggregate().groupBy() != null) {
      step.aggregate()
          .groupBy()
          .forEach(
              (field, source) ->
                  compile(failures, step.name() + ".groupBy." + field, source, input));
    }
  }

  private static void compile(
      List<String> failures, String where, String source, RecordType scope) {
    if (source == null) {
      return;
    }
    try {
      Expressions.compile(source, scope);
    } catch (RuntimeException e) {
      failures.add(where + ": " + e.getMessage());
    }
  }
}
