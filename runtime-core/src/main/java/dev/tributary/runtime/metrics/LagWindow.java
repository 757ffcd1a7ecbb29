package dev.tributary.runtime.metrics;

import dev.tributary.pipeline.scaling.LagSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The samples of one input partition within a sliding window of time, oldest first, as Burrow keeps
 * them to judge lag by its trend rather than by a threshold. Not thread-safe.
 */
public final class LagWindow {

  private final Duration length;
  private final Deque<LagSample> samples = new ArrayDeque<>();

  public LagWindow(Duration length) {
    this.length = length;
  }

  public void add(LagSample sample) {
    samples.addLast(sample);
    Instant oldest = sample.at().minus(length);
    while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
      samples.removeFirst();
    }
  }

  public List<LagSample> samples() {
    return new ArrayList<>(samples);
  }

  public LagSample latest() {
    return samples.peekLast();
  }
}
