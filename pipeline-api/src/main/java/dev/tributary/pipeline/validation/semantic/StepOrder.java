package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.CYCLE;
import static dev.tributary.pipeline.validation.ValidationCode.STEP_KIND_CONFLICT;
import static dev.tributary.pipeline.validation.ValidationCode.STEP_KIND_MISSING;

import dev.tributary.pipeline.spec.StepKind;
import dev.tributary.pipeline.spec.StepSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The order steps run in: each after the steps it reads. Also checks that every step has one
 * operation and reads something that exists, and reports the cycles that leave steps unordered.
 */
final class StepOrder {

  private final CheckContext context;
  private final References references;

  StepOrder(CheckContext context, References references) {
    this.context = context;
    this.references = references;
  }

  /**
   * Resolves inputs and returns the steps in dependency order; reports dangling inputs and cycles.
   *
   * @param names the names of the sources, tables and steps
   */
  List<StepSpec> check(Set<String> names) {
    List<StepSpec> steps = context.spec().stepsOrEmpty();
    Map<String, StepSpec> byName = new LinkedHashMap<>();
    Map<String, Map<String, String>> dependsOn = new LinkedHashMap<>();
    Set<String> referable = new TreeSet<>(names);
    for (StepSpec step : steps) {
      if (step.branch() != null) {
        step.branch().forEach(b -> referable.add(step.name() + "." + b.name()));
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      String path = "spec.steps[" + i + "]";
      kind(step, path);
      boolean first = byName.putIfAbsent(step.name(), step) == null;
      // Step name to the field that refers to it (input or join.with).
      Map<String, String> deps = new LinkedHashMap<>();
      reference(path, "input", step.input(), referable, deps);
      if (step.join() != null) {
        reference(path, "join.with", step.join().with(), referable, deps);
      }
      if (first) {
        dependsOn.put(step.name(), deps);
      }
    }
    // Kahn's algorithm; what is left over sits on a cycle or behind one.
    Map<String, Integer> waitingFor = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    dependsOn.forEach(
        (name, deps) -> {
          waitingFor.put(name, deps.size());
          deps.keySet()
              .forEach(dep -> dependents.computeIfAbsent(dep, d -> new ArrayList<>()).add(name));
          if (deps.isEmpty()) {
            ready.add(name);
          }
        });
    List<StepSpec> order = new ArrayList<>();
    Set<String> pending = new LinkedHashSet<>(dependsOn.keySet());
    while (!ready.isEmpty()) {
      String name = ready.poll();
      pending.remove(name);
      order.add(byName.get(name));
      for (String dependent : dependents.getOrDefault(name, List.of())) {
        if (waitingFor.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    if (!pending.isEmpty()) {
      cycles(pending, dependsOn, byName);
    }
    return order;
  }

  private void reference(
      String path, String field, String ref, Set<String> referable, Map<String, String> deps) {
    if (ref == null) {
      return;
    }
    if (!referable.contains(ref)) {
      references.dangling(path + "." + field, ref, referable);
      return;
    }
    references.branchStepInput(path + "." + field, ref);
    int dot = ref.indexOf('.');
    String step = dot < 0 ? ref : ref.substring(0, dot);
    if (references.isStepName(step)) {
      deps.putIfAbsent(step, field);
    }
  }

  /** Reports every cycle among the steps that could not be ordered, once each. */
  private void cycles(
      Set<String> pending,
      Map<String, Map<String, String>> dependsOn,
      Map<String, StepSpec> byName) {
    for (List<String> component : StepGraph.cycles(pending, dependsOn)) {
      String start =
          component.stream()
              .min(
                  (a, b) ->
                      Integer.compare(
                          context.stepIndex(byName.get(a)), context.stepIndex(byName.get(b))))
              .orElseThrow();
      List<String> cycle = StepGraph.shortestCycle(start, new HashSet<>(component), dependsOn);
      if (cycle.isEmpty()) {
        continue;
      }
      String field = dependsOn.get(start).get(cycle.get(1));
      // The walk follows inputs; people read a pipeline the way records flow, so show it reversed.
      List<String> flow = new ArrayList<>(cycle.reversed());
      context.error(
          "spec.steps[" + context.stepIndex(byName.get(start)) + "]." + field,
          CYCLE,
          "steps form a cycle: "
              + String.join(" → ", flow)
              + "; a pipeline's steps must flow from sources to sinks");
    }
  }

  private void kind(StepSpec step, String path) {
    List<StepKind> kinds = step.kinds();
    if (kinds.isEmpty()) {
      context.error(
          path,
          STEP_KIND_MISSING,
          "step '"
              + step.name()
              + "' has no operation; give it exactly one of filter, select, explode, rekey, branch, deduplicate, aggregate, join");
    } else if (kinds.size() > 1) {
      context.error(
          path,
          STEP_KIND_CONFLICT,
          "step '"
              + step.name()
              + "' has several operations ("
              + kinds.stream().map(StepKind::key).collect(Collectors.joining(", "))
              + "); split it into one step per operation");
    }
  }
}
