package dev.tributary.pipeline.scaling;

import java.time.Instant;

/**
 * One observation of one partition of a pipeline's input: where its log ends (the last stable
 * offset, as read_committed consumers see it) and where the pipeline's group has committed.
 */
public record LagSample(Instant at, long endOffset, long committedOffset) {

  public long lag() {
    return Math.max(0, endOffset - committedOffset);
  }
}
