package dev.tributary.pipeline.scaling;

import java.util.List;

/**
 * Judges a partition's lag over a sliding window of samples, with the rules of LinkedIn's Burrow
 * rather than a fixed threshold: a lag of a million records is fine for a pipeline that is catching
 * up, and a lag of ten is not for one that has stopped.
 */
public final class LagEvaluation {

  /** Fewer samples than this in the window, and the status is {@link LagStatus#UNKNOWN}. */
  public static final int MIN_SAMPLES = 3;

  private LagEvaluation() {}

  /**
   * @param samples oldest first, all within the evaluation window
   * @param consumersActive whether the pipeline's group has members now
   */
  public static LagStatus evaluate(List<LagSample> samples, boolean consumersActive) {
    if (samples.isEmpty()) {
      return LagStatus.UNKNOWN;
    }
    LagSample last = samples.get(samples.size() - 1);
    if (last.lag() > 0 && !consumersActive) {
      return LagStatus.STOPPED;
    }
    if (samples.size() < MIN_SAMPLES) {
      return last.lag() == 0 ? LagStatus.OK : LagStatus.UNKNOWN;
    }
    // Rule 1: caught up at any point in the window is fine.
    if (samples.stream().anyMatch(s -> s.lag() == 0)) {
      return LagStatus.OK;
    }
    // Rule 2: behind and the committed offset never moved: stalled.
    LagSample first = samples.get(0);
    if (first.committedOffset() == last.committedOffset()) {
      return LagStatus.STALLED;
    }
    // Rule 3: moving, but the lag grew between every two samples: falling behind.
    boolean alwaysGrowing = true;
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).lag() <= samples.get(i - 1).lag()) {
        alwaysGrowing = false;
        break;
      }
    }
    return alwaysGrowing ? LagStatus.GROWING : LagStatus.OK;
  }

  /** The worst of several partitions' statuses: one stopped partition stops the pipeline. */
  public static LagStatus worst(List<LagStatus> statuses) {
    LagStatus worst = LagStatus.OK;
    for (LagStatus s : statuses) {
      if (rank(s) > rank(worst)) {
        worst = s;
      }
    }
    return statuses.isEmpty() ? LagStatus.UNKNOWN : worst;
  }

  private static int rank(LagStatus status) {
    return switch (status) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case GROWING -> 2;
      case STALLED -> 3;
      case STOPPED -> 4;
    };
  }
}
