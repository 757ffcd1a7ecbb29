package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.problem.ProblemDetail.FieldError;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.revision.RevisionHistory;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.spec.UpgradeMode;
import dev.tributary.pipeline.spec.UpgradeSpec;
import dev.tributary.runtime.upgrade.StateChange;
import dev.tributary.runtime.upgrade.UpgradeClassification;
import dev.tributary.runtime.upgrade.UpgradeClassifier;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an update may be applied as its {@code spec.upgrade} asks, from runtime-core's
 * {@link UpgradeClassifier}: keep-state (also when no mode is named) only when every table and
 * stateful step can keep its state, reset-state only on a deploy target that carries it out. A
 * reset-state update runs under a new generation of the pipeline's state, whose application id is
 * {@code <topic prefix><name>.<generation>}.
 */
final class Upgrades {

  private static final String KEEP_STATE = UpgradeMode.KEEP_STATE.value();
  private static final String RESET_STATE = UpgradeMode.RESET_STATE.value();

  private Upgrades() {}

  /**
   * The generations of a pipeline's state an update may run under.
   *
   * @param current the generation in force (1 for a new pipeline)
   * @param next the generation a reset-state update starts: one more than the largest any revision
   *     of the pipeline ran under, so that no application id is used twice
   */
  record Generations(int current, int next) {
    static final Generations NEW_PIPELINE = new Generations(1, 1);
  }

  /**
   * The plan of replacing {@code previous} (null for a new pipeline) by {@code next}, without
   * starting offsets ({@link #withStartingOffsets}).
   *
   * @param previousJson the canonical document in force, null for a new pipeline
   */
  static UpgradePlan plan(
      String name,
      Integer fromRevision,
      String previousJson,
      Candidate previous,
      Candidate next,
      Generations generations,
      DeployTarget target) {
    String mode = mode(next.document().spec());
    var diff = RevisionHistory.tree(RevisionHistory.diff(previousJson, next.canonicalJson()));
    if (previousJson == null) {
      return new UpgradePlan(
          name,
          null,
          "create",
          mode,
          true,
          null,
          "none",
          null,
          next.validated().withStateGeneration(generations.current()).applicationId(),
          null,
          List.of(),
          diff);
    }
    String before = previous.validated().withStateGeneration(generations.current()).applicationId();
    if (previousJson.equals(next.canonicalJson())) {
      return new UpgradePlan(
          name,
          fromRevision,
          "unchanged",
          mode,
          true,
          null,
          "none",
          before,
          before,
          null,
          List.of(),
          diff);
    }
    UpgradeClassification classification =
        UpgradeClassifier.classify(previous.validated(), next.validated());
    boolean reset = RESET_STATE.equals(mode);
    String refusal = null;
    if (reset && !target.resetsState()) {
      refusal =
          "spec.upgrade.mode is reset-state, which the deploy target '"
              + target.name()
              + "' does not carry out; an update on it keeps the application id and state";
    } else if (!reset && !classification.keepsState()) {
      refusal =
          incompatibleSummary(classification)
              + (asksToKeep(next.document().spec())
                  ? "; keep-state was asked for and cannot be honoured"
                  : "")
              + (target.resetsState()
                  ? ". Set spec.upgrade.mode: reset-state to run it under a new application id"
                      + " with fresh stores, or keep these steps as they are"
                  : ". The deploy target '"
                      + target.name()
                      + "' does not carry out reset-state (a new application id and fresh"
                      + " stores): keep these steps as they are, or deploy the change as a"
                      + " pipeline of another name");
    }
    String after =
        next.validated()
            .withStateGeneration(reset ? generations.next() : generations.current())
            .applicationId();
    List<UpgradePlan.StatePlan> state =
        classification.changes().stream()
            .map(
                change ->
                    new UpgradePlan.StatePlan(
                        change.name(),
                        change.kind(),
                        change.stores(),
                        change.outcome().value(),
                        !reset && change.keepsState(),
                        reset && change.outcome() != StateChange.Outcome.REMOVED
                            ? "reset-state: its stores start empty under the new application id "
                                + after
                                + " ("
                                + change.reason()
                                + ")"
                            : change.reason()))
            .toList();
    return new UpgradePlan(
        name,
        fromRevision,
        classification.kind().value(),
        mode,
        refusal == null,
        refusal,
        reset ? "recreate" : classification.rollout().name().toLowerCase(Locale.ROOT),
        before,
        refusal != null ? null : after,
        null,
        state,
        diff);
  }

  /**
   * Whether applying the plan starts a new generation of the pipeline's state: an allowed change of
   * the document that asks for reset-state.
   */
  static boolean startsGeneration(UpgradePlan plan) {
    return plan.allowed()
        && RESET_STATE.equals(plan.mode())
        && plan.fromRevision() != null
        && !plan.classification().equals("unchanged");
  }

  /**
   * The plan with the offsets the new consumer group would start from, read from the deploy target
   * when the plan starts a new generation; a Kafka that does not answer is a 503 problem ({@link
   * dev.tributary.controlplane.deploy.DeployTargetException}).
   */
  static UpgradePlan withStartingOffsets(
      UpgradePlan plan,
      DeployTarget.PipelineRef pipeline,
      Candidate previous,
      Candidate next,
      Generations generations,
      DeployTarget target) {
    if (!startsGeneration(plan)) {
      return plan;
    }
    return plan.withStartingOffsets(
        target
            .startingOffsets(
                pipeline,
                previous.validated().withStateGeneration(generations.current()),
                next.validated().withStateGeneration(generations.next()))
            .stream()
            .map(UpgradePlan.StartingOffset::of)
            .toList());
  }

  /** Refuses an update whose plan is not allowed, with the reason for every part that blocks it. */
  static void require(UpgradePlan plan, Candidate next) {
    if (plan.allowed()) {
      return;
    }
    if (RESET_STATE.equals(plan.mode())) {
      throw Problems.upgradeModeUnsupported(plan.refusal());
    }
    List<FieldError> errors =
        plan.state().stream()
            .filter(part -> part.outcome().equals(StateChange.Outcome.INCOMPATIBLE.value()))
            .map(
                part ->
                    new FieldError(
                        path(next.document().spec(), part.name()),
                        "state-incompatible",
                        part.reason()))
            .toList();
    throw Problems.stateIncompatible(plan.refusal(), errors);
  }

  private static String mode(PipelineSpec spec) {
    UpgradeSpec upgrade = spec.upgrade();
    return upgrade == null || upgrade.mode() == null ? KEEP_STATE : upgrade.mode().value();
  }

  private static boolean asksToKeep(PipelineSpec spec) {
    return spec.upgrade() != null && spec.upgrade().mode() == UpgradeMode.KEEP_STATE;
  }

  private static String incompatibleSummary(UpgradeClassification classification) {
    List<StateChange> blocking = classification.incompatible();
    StringBuilder summary =
        new StringBuilder(
            blocking.size() == 1
                ? "1 stateful part cannot keep its state: "
                : blocking.size() + " stateful parts cannot keep their state: ");
    for (int i = 0; i < blocking.size(); i++) {
      StateChange change = blocking.get(i);
      if (i > 0) {
        summary.append("; ");
      }
      summary.append(change.kind()).append(' ').append(change.name()).append(" (");
      summary.append(change.reason()).append(')');
    }
    return summary.toString();
  }

  /** The part's path in the new document. */
  private static String path(PipelineSpec spec, String name) {
    List<TableSpec> tables = spec.tablesOrEmpty();
    for (int i = 0; i < tables.size(); i++) {
      if (tables.get(i).name().equals(name)) {
        return "spec.tables[" + i + "]";
      }
    }
    List<StepSpec> steps = spec.stepsOrEmpty();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(name)) {
        return "spec.steps[" + i + "]";
      }
    }
    return "spec";
  }
}
