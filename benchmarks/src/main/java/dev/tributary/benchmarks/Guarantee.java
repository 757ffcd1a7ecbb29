package dev.tributary.benchmarks;

import dev.tributary.pipeline.spec.ProcessingGuarantee;
import java.time.Duration;

/**
 * How a contender commits: Kafka Streams' processing guarantee and commit interval. The raw loop
 * follows it too, with a transactional producer under exactly-once.
 */
public record Guarantee(ProcessingGuarantee processingGuarantee, Duration commitInterval) {

  /** What a pipeline gets by default, and what the main comparison uses. */
  public static final Guarantee EXACTLY_ONCE =
      new Guarantee(ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofMillis(100));

  public static final Guarantee AT_LEAST_ONCE =
      new Guarantee(ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofMillis(100));

  public boolean transactional() {
    return processingGuarantee == ProcessingGuarantee.EXACTLY_ONCE_V2;
  }

  public Guarantee withCommitInterval(Duration interval) {
    return new Guarantee(processingGuarantee, interval);
  }

  /** For instance {@code exactly_once_v2, 100 ms}. */
  public String label() {
    long millis = commitInterval.toMillis();
    String interval = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    return processingGuarantee.value() + ", " + interval;
  }
}
