package dev.tributary.operator.testing;

import dev.tributary.operator.OperatorSettings;
import dev.tributary.operator.pipeline.workers.WorkerPodSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** What the operator's tests start it with. */
public final class TestOperators {

  private TestOperators() {}

  /**
   * Settings of an operator under test: one broker (replication 1), a worker image that only names
   * itself, values that differ from the defaults so that tests see them passed on, no leader
   * election.
   */
  public static OperatorSettings settings(String bootstrap) {
    return new OperatorSettings(
        bootstrap,
        new WorkerPodSettings(
            "registry.example/tributary/worker:test",
            "IfNotPresent",
            bootstrap,
            "2Gi",
            "fast-ssd",
            Map.of("KAFKA_SESSION_TIMEOUT_MS", "30000"),
            "250m",
            "768Mi"),
        1,
        (short) 1,
        Duration.ofSeconds(20),
        Duration.ofMinutes(10),
        0,
        Set.of(),
        null,
        "test",
        Duration.ofSeconds(2),
        Duration.ofMinutes(10));
  }
}
