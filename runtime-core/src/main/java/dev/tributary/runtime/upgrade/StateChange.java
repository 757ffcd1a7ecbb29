package dev.tributary.runtime.upgrade;

import java.util.List;

/**
 * What an update does to the state of one stateful part of a pipeline: a table, or a step that
 * keeps state (aggregate, deduplicate, join).
 *
 * @param name the table's or step's name
 * @param kind {@code table}, {@code aggregate}, {@code deduplicate} or {@code join}
 * @param stores the state stores the worker names after it (their changelogs are {@code
 *     <application id>-<store>-changelog})
 * @param outcome whether its state is kept, started, dropped or must be reset
 * @param reason why, in words a user acts on
 */
public record StateChange(
    String name, String kind, List<String> stores, Outcome outcome, String reason) {

  public StateChange {
    stores = List.copyOf(stores);
  }

  public enum Outcome {
    /** The definition did not change; the state is kept as it is. */
    UNCHANGED("unchanged"),
    /** The definition changed and the stored state is read forward by the new version. */
    EXTENDED("extended"),
    /** The part is new; its stores start empty. */
    ADDED("added"),
    /** The part is gone; nothing reads its stores any more. */
    REMOVED("removed"),
    /** The stored state cannot be read by the new definition; it must be reset. */
    INCOMPATIBLE("incompatible");

    private final String value;

    Outcome(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** Whether the part's state survives a {@code keep-state} update unchanged or read forward. */
  public boolean keepsState() {
    return outcome == Outcome.UNCHANGED || outcome == Outcome.EXTENDED;
  }
}
