package dev.tributary.controlplane.testing;

/** Pipeline documents for the tests: small, valid for the team they name, easy to vary. */
public final class Documents {

  private Documents() {}

  /** Keeps payments at or above a threshold; a different threshold is a different revision. */
  public static String largePayments(String team, String name, double threshold) {
    return largePayments(team, name, threshold, 1);
  }

  public static String largePayments(String team, String name, double threshold, int maxReplicas) {
    return """
    {
      "apiVersion": "tributary.dev/v1alpha1",
      "kind": "Pipeline",
      "metadata": {"name": "%2$s", "description": "payments of at least %3$s"},
      "spec": {
        "sources": [{"name": "payments", "topic": "%1$s.payments",
                     "fields": {"paymentId": "string", "amount": "double", "currency": "string"}}],
        "steps": [{"name": "large", "input": "payments", "filter": "amount >= %3$s"}],
        "sinks": [{"name": "large", "input": "large", "topic": "%1$s.%2$s-out"}],
        "runtime": {"replicas": {"min": 1, "max": %4$d}}
      }
    }
    """
        .formatted(team, name, threshold, maxReplicas);
  }

  /** The same pipeline as YAML. */
  public static String largePaymentsYaml(String team, String name, double threshold) {
    return """
    apiVersion: tributary.dev/v1alpha1
    kind: Pipeline
    metadata: {name: %2$s, description: "payments of at least %3$s"}
    spec:
      sources:
        - name: payments
          topic: %1$s.payments
          fields: {paymentId: string, amount: double, currency: string}
      steps:
        - {name: large, input: payments, filter: "amount >= %3$s"}
      sinks:
        - {name: large, input: large, topic: %1$s.%2$s-out}
      runtime:
        replicas: {min: 1, max: 1}
    """
        .formatted(team, name, threshold);
  }

  /**
   * Two independent errors: an unknown field in the filter, and a topic outside the team's prefix.
   */
  public static String withTwoErrors(String team, String name) {
    return """
    {
      "apiVersion": "tributary.dev/v1alpha1",
      "kind": "Pipeline",
      "metadata": {"name": "%2$s"},
      "spec": {
        "sources": [{"name": "payments", "topic": "%1$s.payments",
                     "fields": {"paymentId": "string", "amount": "double"}}],
        "steps": [{"name": "large", "input": "payments", "filter": "amout >= 10.0"}],
        "sinks": [{"name": "large", "input": "large", "topic": "elsewhere.out"}]
      }
    }
    """
        .formatted(team, name);
  }

  /**
   * Large payments and a count of payments per group ({@code groupBy}, e.g. {@code groupBy:
   * {amount: amount}}, or empty), with {@code upgrade} as the inside of {@code spec.upgrade}.
   */
  public static String counts(String name, String groupBy, String upgrade) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata: {name: %1$s}
        spec:
          sources:
            - name: payments
              topic: payments.%1$s-in
              key: {field: account}
              fields: {account: string, seq: int, amount: int}
          steps:
            - {name: large, input: payments, filter: "amount >= 500"}
            - name: counts
              input: payments
              aggregate:
                %2$s
                aggregates:
                  count: {fn: count}
          sinks:
            - {name: large, input: large, topic: payments.%1$s-large}
            - {name: counts, input: counts, topic: payments.%1$s-counts}
          runtime:
            commitInterval: 100ms
            replicas: {min: 1, max: 1}
          %3$s
        """
        .formatted(name, groupBy, upgrade.isEmpty() ? "" : "upgrade: {" + upgrade + "}");
  }
}
