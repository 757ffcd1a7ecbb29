package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.Guarantee;
import dev.tributary.benchmarks.Scenario;

/** One of the things measured: an implementation of the scenarios and how it commits. */
public record Contender(Kind kind, Guarantee guarantee) {

  public enum Kind {
    /** A consumer and a producer in a loop: the practical limit of the machine. */
    RAW("raw"),
    /** The Kafka Streams DSL application a user would write instead of a pipeline. */
    HAND_WRITTEN("hand"),
    /** The compiled topology of the scenario's pipeline. */
    WORKER("worker");

    private final String shortName;

    Kind(String shortName) {
      this.shortName = shortName;
    }

    public String shortName() {
      return shortName;
    }
  }

  /**
   * The name in the report. The raw loop does the pipeline's JSON work only in scenario (a); in the
   * others it copies records, an upper bound for any contender rather than an equivalent.
   */
  public String label(Scenario scenario) {
    return switch (kind) {
      case RAW ->
          (scenario == Scenario.FILTER_SELECT ? "raw loop" : "raw copy limit")
              + (guarantee.transactional() ? " (transactions)" : " (no transactions)");
      case HAND_WRITTEN -> "hand-written Kafka Streams";
      case WORKER -> "Tributary worker";
    };
  }
}
