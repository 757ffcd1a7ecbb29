package dev.tributary.runtime.upgrade;

import dev.tributary.runtime.rollout.UpdateStrategy;
import java.util.List;

/**
 * What an update from one validated pipeline to another does to its state, and how its workers are
 * replaced.
 *
 * @param kind stateless-only, state-compatible or state-incompatible
 * @param changes one entry per table and stateful step of either version, in document order (the
 *     old version's removed parts last)
 * @param rollout how running workers are replaced when the state is kept
 */
public record UpgradeClassification(Kind kind, List<StateChange> changes, UpdateStrategy rollout) {

  public UpgradeClassification {
    changes = List.copyOf(changes);
  }

  public enum Kind {
    /** No table or stateful step changed: state is untouched. */
    STATELESS_ONLY("stateless-only"),
    /** Stateful parts changed, and every store the new version keeps can be read forward. */
    STATE_COMPATIBLE("state-compatible"),
    /** At least one stateful part cannot read its stored state: keeping it is refused. */
    STATE_INCOMPATIBLE("state-incompatible");

    private final String value;

    Kind(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** Whether the update may keep the application id and its state ({@code keep-state}). */
  public boolean keepsState() {
    return kind != Kind.STATE_INCOMPATIBLE;
  }

  /** The parts whose state cannot be kept, each with its reason. */
  public List<StateChange> incompatible() {
    return changes.stream()
        .filter(change -> change.outcome() == StateChange.Outcome.INCOMPATIBLE)
        .toList();
  }
}
