package dev.tributary.operator.pipeline.workers;

/**
 * What a workload's controller reported about its pods.
 *
 * @param wanted replicas the workload's spec asks for
 * @param pods pods that exist, of any revision
 * @param ready pods whose readiness probe passes: Kafka Streams is {@code RUNNING}
 * @param updated pods of the current pod template
 * @param observed whether the controller has seen the latest spec
 * @param rolledOut every wanted pod runs the current template and no other pod is left
 * @param generation the pipeline generation the workload's template runs, or null
 */
public record WorkloadProgress(
    int wanted,
    int pods,
    int ready,
    int updated,
    boolean observed,
    boolean rolledOut,
    String generation) {

  static WorkloadProgress unobserved(int wanted, String generation) {
    return new WorkloadProgress(wanted, 0, 0, 0, false, false, generation);
  }
}
