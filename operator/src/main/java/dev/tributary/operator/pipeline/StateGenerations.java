package dev.tributary.operator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.operator.pipeline.workers.WorkerAnnotations;
import dev.tributary.operator.pipeline.workers.WorkerPodTemplate;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.UpgradeMode;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationResult;
import dev.tributary.runtime.upgrade.StateChange;
import dev.tributary.runtime.upgrade.UpgradeClassification;
import dev.tributary.runtime.upgrade.UpgradeClassifier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Which generation of a pipeline's state the operator runs, from what runs now (the document and
 * generation on the pipeline's ConfigMap) and what the resource asks for (its spec and the {@link
 * PipelineAnnotations#STATE_GENERATION} annotation): the same rules as every deploy target
 * (docs/upgrades.md), with runtime-core's {@link UpgradeClassifier}.
 */
final class StateGenerations {

  private StateGenerations() {}

  /**
   * What runs now: the document the workers were given, under its generation, and the earlier
   * generations still to be removed; {@code pipeline} is null before anything ran.
   */
  record Running(ValidatedPipeline pipeline, List<String> retired) {

    static final Running NOTHING = new Running(null, List.of());

    /** The application id of every generation whose leftovers a deletion must remove. */
    List<String> applicationIds() {
      List<String> ids = new ArrayList<>(retired);
      if (pipeline != null) {
        ids.add(0, pipeline.applicationId());
      }
      return ids;
    }
  }

  /**
   * What this reconciliation runs.
   *
   * @param next the pipeline to run, under its generation
   * @param switching whether {@code next} runs another generation than the one running now
   * @param refusal why the spec cannot be run, or null
   */
  record Decision(ValidatedPipeline next, boolean switching, String refusal) {}

  static Running running(ConfigMap document, Team team) {
    if (document == null || document.getData() == null) {
      return Running.NOTHING;
    }
    String text = document.getData().get(WorkerPodTemplate.DOCUMENT_FILE);
    Map<String, String> annotations =
        document.getMetadata().getAnnotations() == null
            ? Map.of()
            : document.getMetadata().getAnnotations();
    List<String> retired =
        Arrays.stream(
                annotations.getOrDefault(WorkerAnnotations.RETIRED_APPLICATIONS, "").split(","))
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .toList();
    if (text == null) {
      return new Running(null, retired);
    }
    ValidationResult result = PipelineValidator.validate(text, team.validationContext());
    if (!result.isValid()) {
      // Written by an operator with other rules, or for another team: nothing to compare with.
      return new Running(null, retired);
    }
    int generation;
    try {
      generation =
          Math.max(
              1,
              Integer.parseInt(annotations.getOrDefault(WorkerAnnotations.STATE_GENERATION, "1")));
    } catch (NumberFormatException e) {
      generation = 1;
    }
    return new Running(result.orThrow().withStateGeneration(generation), retired);
  }

  static Decision decide(PipelineResource resource, Running running, ValidatedPipeline wanted) {
    OptionalInt asked = PipelineAnnotations.stateGeneration(resource);
    if (asked.isPresent() && asked.getAsInt() < 1) {
      return new Decision(
          wanted,
          false,
          "the annotation "
              + PipelineAnnotations.STATE_GENERATION
              + " must be a whole number of 1 or more");
    }
    ValidatedPipeline before = running.pipeline();
    if (before == null) {
      return new Decision(wanted.withStateGeneration(asked.orElse(1)), false, null);
    }
    int current = before.stateGeneration();
    boolean changed = !spec(before.spec()).equals(spec(wanted.spec()));
    int target;
    if (asked.isPresent()) {
      target = asked.getAsInt();
    } else {
      target = changed && resetsState(wanted.spec()) ? current + 1 : current;
    }
    ValidatedPipeline next = wanted.withStateGeneration(target);
    if (target != current) {
      return new Decision(next, true, null);
    }
    if (changed) {
      UpgradeClassification classification = UpgradeClassifier.classify(before, next);
      if (!classification.keepsState()) {
        return new Decision(next, false, refusal(classification, wanted.spec()));
      }
    }
    return new Decision(next, false, null);
  }

  /** The retired list after switching from {@code before} to {@code next}. */
  static List<String> retiring(Running running, ValidatedPipeline next) {
    List<String> retired = new ArrayList<>(running.retired());
    retired.remove(next.applicationId());
    String before = running.pipeline().applicationId();
    if (!retired.contains(before) && !before.equals(next.applicationId())) {
      retired.add(before);
    }
    return List.copyOf(retired);
  }

  private static boolean resetsState(PipelineSpec spec) {
    return spec.upgrade() != null && spec.upgrade().mode() == UpgradeMode.RESET_STATE;
  }

  private static String refusal(UpgradeClassification classification, PipelineSpec spec) {
    String parts =
        classification.incompatible().stream()
            .map(change -> change.kind() + " " + change.name() + " (" + change.reason() + ")")
            .collect(Collectors.joining("; "));
    List<StateChange> blocking = classification.incompatible();
    return (blocking.size() == 1
            ? "1 stateful part cannot keep its state: "
            : blocking.size() + " stateful parts cannot keep their state: ")
        + parts
        + (spec.upgrade() != null && spec.upgrade().mode() == UpgradeMode.KEEP_STATE
            ? "; keep-state was asked for and cannot be honoured"
            : "")
        + ". Set spec.upgrade.mode: reset-state to start with a new application id and fresh"
        + " stores";
  }

  private static String spec(PipelineSpec spec) {
    try {
      return PipelineMapper.json().writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a validated spec is always written as JSON", e);
    }
  }
}
