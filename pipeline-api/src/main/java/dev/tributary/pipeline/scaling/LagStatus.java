package dev.tributary.pipeline.scaling;

/** What the lag of a pipeline means, judged over a window of samples as Burrow judges it. */
public enum LagStatus {
  /** Caught up at some point in the window, or catching up. */
  OK,
  /** Committing, but falling further behind at every sample of the window. */
  GROWING,
  /** Behind, with workers running, but the committed offsets have not moved in the window. */
  STALLED,
  /** Behind, and nothing consumes: no worker is in the group. */
  STOPPED,
  /** Not enough samples yet to judge. */
  UNKNOWN
}
