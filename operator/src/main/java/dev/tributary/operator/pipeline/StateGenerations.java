package dev.tributary.operator.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.operator.pipeline.workers.WorkerAnnotations;
import dev.tributary.operator.pipeline.workers.WorkerPodTemplate;
import dev.tributary.pipeline.spec.PipelineDocument;
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
import java.util.Objects;
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
   * What runs now: the document the workers were given (null before anything ran), the generation
   * of the state it runs under, and the earlier generations still to be removed.
   */
  record Running(String document, int generation, List<String> retired, Team team) {

    /** The application id of every generation whose leftovers a deletion must remove. */
    List<String> applicationIds(String name) {
      List<String> ids = new ArrayList<>(retired);
      if (document != null) {
        ids.add(0, ValidatedPipeline.applicationId(team.topicPrefix(), name, generation));
      }
      return ids;
    }

    /** The running document validated again, or null when today's rules refuse it. */
    ValidatedPipeline validated() {
      ValidationResult result = PipelineValidator.validate(document, team.validationContext());
      return result.isValid() ? result.orThrow().withStateGeneration(generation) : null;
    }
  }

  /**
   * What this reconciliation runs.
   *
   * @param next the pipeline to run, under its generation
   * @param before the pipeline's identity under the generation running now, when {@code next}
   *     switches to another one (its application id and generation are what a hand-over reads)
   * @param refusal why the spec cannot be run, or null
   */
  record Decision(ValidatedPipeline next, ValidatedPipeline before, String refusal) {

    boolean switching() {
      return before != null;
    }
  }

  static Running running(ConfigMap document, Team team) {
    if (document == null || document.getData() == null) {
      return new Running(null, 1, List.of(), team);
    }
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
    int generation;
    try {
      generation =
          Math.max(
              1,
              Integer.parseInt(annotations.getOrDefault(WorkerAnnotations.STATE_GENERATION, "1")));
    } catch (NumberFormatException e) {
      generation = 1;
    }
    return new Running(
        document.getData().get(WorkerPodTemplate.DOCUMENT_FILE), generation, retired, team);
  }

  /**
   * The generation to run and whether the spec may run. The running document is validated again
   * only when the spec changed and keeps the generation, to classify the change.
   */
  static Decision decide(PipelineResource resource, Running running, ValidatedPipeline wanted) {
    OptionalInt asked = PipelineAnnotations.stateGeneration(resource);
    if (asked.isPresent() && asked.getAsInt() < 1) {
      return new Decision(
          wanted,
          null,
          "the annotation "
              + PipelineAnnotations.STATE_GENERATION
              + " must be a whole number of 1 or more");
    }
    if (running.document() == null) {
      return new Decision(wanted.withStateGeneration(asked.orElse(1)), null, null);
    }
    int current = running.generation();
    boolean changed = !Objects.equals(spec(running.document()), spec(wanted.spec()));
    int target;
    if (asked.isPresent()) {
      target = asked.getAsInt();
    } else {
      target = changed && resetsState(wanted.spec()) ? current + 1 : current;
    }
    ValidatedPipeline next = wanted.withStateGeneration(target);
    if (target != current) {
      return new Decision(next, wanted.withStateGeneration(current), null);
    }
    if (changed) {
      ValidatedPipeline before = running.validated();
      if (before != null) {
        UpgradeClassification classification = UpgradeClassifier.classify(before, next);
        if (!classification.keepsState()) {
          return new Decision(next, null, refusal(classification, wanted.spec()));
        }
      }
    }
    return new Decision(next, null, null);
  }

  /** The retired list after switching to {@code next}. */
  static List<String> retiring(Running running, Decision decision) {
    List<String> retired = new ArrayList<>(running.retired());
    String next = decision.next().applicationId();
    String before = decision.before().applicationId();
    retired.remove(next);
    if (!retired.contains(before) && !before.equals(next)) {
      retired.add(before);
    }
    return List.copyOf(retired);
  }

  /** The spec of the running document as canonical JSON, or null when it cannot be read. */
  private static String spec(String document) {
    try {
      return spec(PipelineMapper.yaml().readValue(document, PipelineDocument.class).spec());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String spec(PipelineSpec spec) {
    try {
      return PipelineMapper.json().writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a spec is always written as JSON", e);
    }
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
}
