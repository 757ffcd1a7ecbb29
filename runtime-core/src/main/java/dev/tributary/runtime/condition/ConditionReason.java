package dev.tributary.runtime.condition;

/**
 * Every reason a pipeline's conditions can carry, for every deploy target: the stable, CamelCase
 * word machines match on ({@link #wire()}), and what it means to a person. The table of reasons in
 * {@code docs/status.md} is checked against this enum by a test.
 */
public enum ConditionReason {
  VALIDATED("Validated", "Valid", "the revision passed validation"),
  WORKER_REJECTED_PIPELINE(
      "WorkerRejectedPipeline", "Valid", "a worker refused the pipeline document it was given"),
  STATE_INCOMPATIBLE(
      "StateIncompatible",
      "Valid",
      "the revision changes a table or stateful step so that the stored state cannot be read, and"
          + " does not ask for a new generation of the state; the workers keep running"),
  VALIDATION_FAILED(
      "ValidationFailed",
      "Valid",
      "the revision failed validation; the message lists every error with its path and code"),
  NO_TEAM(
      "NoTeam",
      "Valid",
      "the resource's namespace belongs to no team, so no topic prefix applies and nothing runs"),
  PROVISIONING("Provisioning", "TopicsReady", "the topics are being created or checked"),
  TOPICS_PROVISIONED("TopicsProvisioned", "TopicsReady", "every topic exists as planned"),
  TOPIC_PROVISIONING_FAILED(
      "TopicProvisioningFailed",
      "TopicsReady",
      "a topic could not be created, grown or configured; the message names it and why"),
  KAFKA_ACCESS_FAILED(
      "KafkaAccessFailed",
      "TopicsReady",
      "on a secured cluster, the pipeline's Kafka user or its ACLs could not be written"),
  WORKERS_READY("WorkersReady", "Ready", "every wanted worker is ready"),
  WORKERS_NOT_READY("WorkersNotReady", "Ready", "fewer workers are ready than wanted"),
  ROLLING_UPDATE("RollingUpdate", "Ready", "workers are being replaced with a new revision"),
  RESETTING_STATE(
      "ResettingState",
      "Ready",
      "a new generation of the state starts: the previous generation's workers stop, then the new"
          + " consumer group gets its starting offsets before its workers start"),
  PAUSED("Paused", "Ready", "paused: no workers run; topics and state are kept"),
  DELETING("Deleting", "Ready", "the pipeline is being deleted"),
  NOT_DEPLOYED("NotDeployed", "Ready", "no revision has been deployed yet"),
  DEPLOY_FAILED("DeployFailed", "Ready", "the deploy target could not take the last change"),
  NO_DEPLOY_TARGET(
      "NoDeployTarget", "Ready", "no deploy target is configured: the pipeline is only recorded"),
  NO_REPLICAS("NoReplicas", "Ready", "the pipeline is scaled to zero replicas"),
  NO_FAILURES("NoFailures", "ReplicaFailure", "no worker has failed"),
  WORKERS_STABLE(
      "WorkersStable", "ReplicaFailure", "workers that had failed have run long enough since"),
  WORKER_CRASHED("WorkerCrashed", "ReplicaFailure", "a worker exited with a non-zero code"),
  WORKER_STOPPED("WorkerStopped", "ReplicaFailure", "a worker exited with code 0 unasked"),
  WORKER_NOT_STARTED("WorkerNotStarted", "ReplicaFailure", "a worker could not be started"),
  INVALID_PIPELINE(
      "InvalidPipeline", "ReplicaFailure", "workers exit because they refuse the pipeline"),
  ROLLOUT_STALLED(
      "RolloutStalled",
      "ReplicaFailure",
      "a replaced worker did not become ready; rollout stopped"),
  SCALING_UP("ScalingUp", "Scaling", "replicas are being added"),
  SCALING_DOWN("ScalingDown", "Scaling", "replicas are being removed"),
  STABLE("Stable", "Scaling", "the replica count is where the autoscaler wants it"),
  CAPPED_BY_PARTITIONS(
      "CappedByPartitions",
      "Scaling",
      "more replicas would help, but there are no more input partitions to share");

  private final String wire;
  private final String conditionType;
  private final String meaning;

  ConditionReason(String wire, String conditionType, String meaning) {
    this.wire = wire;
    this.conditionType = conditionType;
    this.meaning = meaning;
  }

  /** The reason as it appears in a condition. */
  public String wire() {
    return wire;
  }

  /** The type of condition this reason belongs to. */
  public String conditionType() {
    return conditionType;
  }

  public String meaning() {
    return meaning;
  }

  @Override
  public String toString() {
    return wire;
  }
}
