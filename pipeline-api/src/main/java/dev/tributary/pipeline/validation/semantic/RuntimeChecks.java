package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.INVALID_QUANTITY;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_VALUE;
import static dev.tributary.pipeline.validation.ValidationCode.REPLICAS_RANGE;

import dev.tributary.pipeline.spec.AutoscalingSpec;
import dev.tributary.pipeline.spec.ReplicasSpec;
import dev.tributary.pipeline.spec.RuntimeSpec;
import java.util.regex.Pattern;

/** How the pipeline runs: commits, replicas, standbys, autoscaling and resources. */
final class RuntimeChecks {

  private static final Pattern QUANTITY =
      Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");
  private static final int MAX_STANDBY_REPLICAS = 3;
  private static final int MAX_REPLICAS = 1_000;

  private final CheckContext context;
  private final DurationChecks durations;

  RuntimeChecks(CheckContext context, DurationChecks durations) {
    this.context = context;
    this.durations = durations;
  }

  void check() {
    RuntimeSpec runtime = context.spec().runtimeOrDefault();
    String path = "spec.runtime";
    durations.duration(path + ".commitInterval", runtime.commitInterval(), false);
    ReplicasSpec replicas = runtime.replicasOrDefault();
    boolean bounds = true;
    if (replicas.min() != null && (replicas.min() < 0 || replicas.min() > MAX_REPLICAS)) {
      context.error(
          path + ".replicas.min",
          INVALID_VALUE,
          "replicas.min must be between 0 and " + MAX_REPLICAS);
      bounds = false;
    }
    if (replicas.max() != null && (replicas.max() < 1 || replicas.max() > MAX_REPLICAS)) {
      context.error(
          path + ".replicas.max",
          INVALID_VALUE,
          "replicas.max must be between 1 and " + MAX_REPLICAS);
      bounds = false;
    }
    if (bounds
        && replicas.min() != null
        && replicas.max() != null
        && replicas.min() > replicas.max()) {
      context.error(
          path + ".replicas",
          REPLICAS_RANGE,
          "replicas.min ("
              + replicas.min()
              + ") is greater than replicas.max ("
              + replicas.max()
              + ")");
    }
    Integer standby = runtime.standbyReplicas();
    if (standby != null && (standby < 0 || standby > MAX_STANDBY_REPLICAS)) {
      context.error(
          path + ".standbyReplicas",
          INVALID_VALUE,
          "standbyReplicas must be between 0 and " + MAX_STANDBY_REPLICAS);
    }
    AutoscalingSpec autoscaling = runtime.autoscaling();
    if (autoscaling != null) {
      durations.duration(path + ".autoscaling.targetLag", autoscaling.targetLag(), false);
      durations.duration(
          path + ".autoscaling.stabilizationWindow", autoscaling.stabilizationWindow(), true);
      Long records = autoscaling.targetLagRecords();
      if (records != null && records < 1) {
        context.error(
            path + ".autoscaling.targetLagRecords",
            INVALID_VALUE,
            "targetLagRecords must be at least 1");
      }
    }
    if (runtime.resources() != null) {
      quantity(path + ".resources.cpu", runtime.resources().cpu());
      quantity(path + ".resources.memory", runtime.resources().memory());
    }
  }

  private void quantity(String path, String quantity) {
    if (quantity != null && !QUANTITY.matcher(quantity).matches()) {
      context.error(
          path,
          INVALID_QUANTITY,
          "'" + quantity + "' is not a Kubernetes quantity (for example 500m, 2, 512Mi, 2Gi)");
    }
  }
}
