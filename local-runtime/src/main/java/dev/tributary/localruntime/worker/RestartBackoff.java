package dev.tributary.localruntime.worker;

import java.time.Duration;

/**
 * How long to wait before restarting a crashed worker: {@code initial}, doubling with each crash in
 * a row up to {@code max}. A worker that ran for {@code resetAfter} before it crashed is considered
 * to have recovered, and the next delay starts again at {@code initial} — the policy of Kubernetes'
 * CrashLoopBackOff, with shorter steps for a development machine.
 */
public record RestartBackoff(Duration initial, Duration max, Duration resetAfter) {

  public static final RestartBackoff DEFAULT =
      new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(1));

  public RestartBackoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "back-off needs 0 < initial <= max, got " + initial + " and " + max);
    }
  }

  /**
   * @param crashesInARow crashes without a good run between them, this one included (1 or more)
   */
  public Duration delay(int crashesInARow) {
    Duration delay = initial;
    for (int i = 1; i < crashesInARow && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Whether a worker that ran this long before exiting had recovered from earlier crashes. */
  public boolean ranLongEnough(Duration ranFor) {
    return ranFor.compareTo(resetAfter) >= 0;
  }
}
