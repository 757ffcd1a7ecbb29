package dev.tributary.runtime.rollout;

import dev.tributary.pipeline.spec.BranchSpec;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.StepKind;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.upgrade.UpgradeClassifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * How an update replaces running workers when it keeps the application id and the state
 * directories, so state stores of unchanged steps survive. Whether the state may be kept at all is
 * {@link UpgradeClassifier}'s decision.
 *
 * <p>Replicas of one application must run the same topology: Kafka Streams assigns tasks by
 * sub-topology, and a member that does not know a sub-topology (or its repartition topic) fails the
 * rebalance. So when the shape of the topology changes — a source, table, sink or step added or
 * removed, an input rewired, a stateful step's definition changed — old and new workers must not
 * overlap: all old ones stop before the new ones start ({@link #RECREATE}). Any other change
 * (expressions of stateless steps, runtime settings) is rolled one replica at a time ({@link
 * #ROLLING}).
 */
public enum UpdateStrategy {
  ROLLING,
  RECREATE;

  /**
   * Steps that keep state in stores. A deploy target gives their workers storage that survives a
   * restart (the operator runs them as a StatefulSet), and a change to one recreates the workers.
   */
  public static final Set<StepKind> STATEFUL_STEPS =
      Set.of(StepKind.AGGREGATE, StepKind.DEDUPLICATE, StepKind.JOIN);

  /**
   * Rolling when the shape is unchanged and no table or stateful step changed, as {@link
   * UpgradeClassifier} decides for every target; otherwise recreate.
   */
  public static UpdateStrategy between(ValidatedPipeline before, ValidatedPipeline after) {
    return UpgradeClassifier.classify(before, after).rollout();
  }

  /**
   * The same decision from the {@link #fingerprint}s of the two shapes, for a deploy target that
   * keeps only a fingerprint of what runs (the Kubernetes operator writes it on the workload).
   */
  public static UpdateStrategy between(String fingerprintBefore, String fingerprintAfter) {
    return fingerprintBefore.equals(fingerprintAfter) ? ROLLING : RECREATE;
  }

  /**
   * The {@link #shape} as a short text that fits a Kubernetes annotation: equal for two specs
   * exactly when their shapes are (a SHA-256 of the shape's lines, in hexadecimal).
   */
  public static String fingerprint(PipelineSpec spec) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha256.digest(String.join("\n", shape(spec)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** What decides the topology's sub-topologies, stores and internal topics. */
  public static List<String> shape(PipelineSpec spec) {
    List<String> shape = new ArrayList<>();
    // Declared fields and lateness decide the types and retention of stored state, and a table's
    // whole definition its store: with them in the shape, equal fingerprints mean that
    // UpgradeClassifier finds no stateful change, so a target that keeps only the fingerprint
    // decides as every other.
    for (SourceSpec source : spec.sourcesOrEmpty()) {
      shape.add(
          "source "
              + source.name()
              + " "
              + source.topic()
              + " "
              + source.fields()
              + " "
              + source.eventTime());
    }
    for (TableSpec table : spec.tablesOrEmpty()) {
      shape.add("table " + table);
    }
    for (StepSpec step : spec.stepsOrEmpty()) {
      StepKind kind = step.kind();
      String line = "step " + step.name() + " " + kind + " " + step.input();
      if (step.branch() != null) {
        line += " " + step.branch().stream().map(BranchSpec::name).toList();
      }
      // A stateful step's definition decides its store's contents and, for joins, its inputs.
      shape.add(STATEFUL_STEPS.contains(kind) ? line + " " + step : line);
    }
    for (SinkSpec sink : spec.sinksOrEmpty()) {
      shape.add("sink " + sink.input() + " " + sink.topic());
    }
    return shape;
  }
}
