package dev.tributary.pipeline.plan;

/**
 * How many replicas of a pipeline may run.
 *
 * @param min replicas that always run (0 when paused)
 * @param max replicas the autoscaler may reach
 * @param tasks the largest input partition count: more replicas than this would sit idle
 * @param cappedByPartitions true when the spec asked for more replicas than there are tasks
 */
public record ReplicaBounds(int min, int max, int tasks, boolean cappedByPartitions) {

  /** {@code desired} brought inside the bounds. */
  public int clamp(int desired) {
    return Math.max(min, Math.min(max, desired));
  }
}
