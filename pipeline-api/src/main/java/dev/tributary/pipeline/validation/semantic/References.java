package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.BRANCH_STEP_INPUT;
import static dev.tributary.pipeline.validation.ValidationCode.DANGLING_INPUT;

import dev.tributary.pipeline.expr.Suggestions;
import dev.tributary.pipeline.spec.StepSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a step's {@code input} and {@code join.with}, and a sink's {@code input}, may name. */
final class References {

  /** Dangling references that get a "did you mean" hint; far more than a person fixes at once. */
  private static final int MAX_HINTED = 50;

  private final CheckContext context;
  private final Set<String> stepNames = new HashSet<>();
  private final Map<String, StepSpec> branchSteps = new HashMap<>();
  private final Set<String> branchNames = new HashSet<>();
  private int hinted;

  References(CheckContext context) {
    this.context = context;
    List<StepSpec> steps = context.spec().stepsOrEmpty();
    for (StepSpec step : steps) {
      stepNames.add(step.name());
      if (step.branch() != null && branchSteps.putIfAbsent(step.name(), step) == null) {
        step.branch().forEach(b -> branchNames.add(step.name() + "." + b.name()));
      }
    }
  }

  /**
   * Reports a name that is no source, table, step or branch, with the closest that is. Only so many
   * references of a document get a hint: each compares the name with every name of the pipeline,
   * and a document of nothing but wrong names need not cost their product.
   */
  void dangling(String path, String ref, Set<String> referable) {
    String hint =
        hinted++ < MAX_HINTED
            ? Suggestions.closest(ref, referable)
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("")
            : "";
    context.error(
        path, DANGLING_INPUT, "'" + ref + "' is not a source, table, step or branch" + hint);
  }

  /** A branch step routes its records to its branches; it has no output of its own to read. */
  void branchStepInput(String path, String ref) {
    StepSpec branching = branchSteps.get(ref);
    if (branching != null && !branching.branch().isEmpty() && branching.kinds().size() == 1) {
      context.error(
          path,
          BRANCH_STEP_INPUT,
          "'"
              + ref
              + "' is a branch step; read one of its branches: "
              + branching.branch().stream()
                  .map(b -> ref + "." + b.name())
                  .collect(Collectors.joining(", ")));
    }
  }

  boolean isStepName(String name) {
    return stepNames.contains(name);
  }

  boolean isBranchOfKnownStep(String name) {
    return branchNames.contains(name);
  }
}
