package dev.tributary.runtime.testing;

import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationContext;

/**
 * The pipelines the tests run: {@code totals} counts and sums payments per account (a state store
 * and a changelog) and copies every payment (a stateless path), the pair with which
 * ExactlyOnceUnderFaultsIT shows lost and duplicated records alike.
 */
public final class TestPipelines {

  public static final String TEAM = "bank";

  private TestPipelines() {}

  /**
   * The document of pipeline {@code name}; its topics are {@code
   * bank.<name>-payments|totals|copies}.
   */
  public static String totals(
      String name, int sourcePartitions, int minReplicas, int maxReplicas, String copyFilter) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: %1$s
          team: bank
        spec:
          sources:
            - name: payments
              topic: bank.%1$s-payments
              partitions: %2$d
              key: {field: account}
              fields: {account: string, seq: int, amount: int}
          steps:
            - name: totals
              input: payments
              aggregate:
                aggregates:
                  count: {fn: count}
                  sum: {fn: sum, of: amount}
            - name: copies
              input: payments
              filter: '%5$s'
          sinks:
            - {name: totals, input: totals, topic: bank.%1$s-totals, partitions: %2$d}
            - {name: copies, input: copies, topic: bank.%1$s-copies}
          runtime:
            commitInterval: 100ms
            replicas: {min: %3$d, max: %4$d}
        """
        .formatted(name, sourcePartitions, minReplicas, maxReplicas, copyFilter);
  }

  public static String totals(String name, int sourcePartitions, int replicas) {
    return totals(name, sourcePartitions, replicas, replicas, "amount >= 0");
  }

  public static ValidatedPipeline validate(String document) {
    return PipelineValidator.validate(document, ValidationContext.forTeam(TEAM)).orThrow();
  }
}
