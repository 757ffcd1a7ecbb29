package dev.tributary.pipeline.scaling;

/**
 * What the autoscaler decided.
 *
 * @param replicas the replicas to run now, within the bounds
 * @param recommendation what the lag alone asks for now, before stabilisation; callers keep these
 *     to pass back as history
 * @param reason a sentence for the pipeline's Scaling condition
 */
public record ScalingDecision(int replicas, int recommendation, String reason) {}
