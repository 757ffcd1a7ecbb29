package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class DeduplicateStepTest {

  private static final long MINUTE = 60_000;

  private static final String PAYMENTS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: payments, team: t}
      spec:
        sources:
          - name: payments
            topic: t.payments
            key: {field: cardId}
            fields: {txId: string, cardId: string, ts: timestamp}
            eventTime: {field: ts}
        steps:
          - name: unique
            input: payments
            deduplicate: {key: txId, within: 10m}
        sinks:
          - {name: out, input: unique, topic: t.unique}
      """;

  private static String payment(String txId, long ts) {
    return "{\"txId\":\"" + txId + "\",\"cardId\":\"c1\",\"ts\":" + ts + "}";
  }

  @Test
  void repeatWithinTheWindowIsDropped() {
    try (PipelineDriver pipeline = PipelineDriver.of(PAYMENTS)) {
      pipeline
          .pipe("t.payments", "c1", payment("tx1", T0), 0)
          .pipe("t.payments", "c1", payment("tx1", T0 + 5 * MINUTE), 0)
          .pipe("t.payments", "c1", payment("tx2", T0 + 6 * MINUTE), 0)
          .pipe("t.payments", "c1", payment("tx1", T0 + 10 * MINUTE), 0);

      assertThat(pipeline.read("t.unique"))
          .containsExactly(
              KeyValue.pair("c1", payment("tx1", T0)),
              KeyValue.pair("c1", payment("tx2", T0 + 6 * MINUTE)));
    }
  }

  @Test
  void repeatAfterTheWindowPasses() {
    try (PipelineDriver pipeline = PipelineDriver.of(PAYMENTS)) {
      pipeline
          .pipe("t.payments", "c1", payment("tx1", T0), 0)
          .pipe("t.payments", "c1", payment("tx1", T0 + 10 * MINUTE + 1), 0);

      assertThat(pipeline.read("t.unique"))
          .containsExactly(
              KeyValue.pair("c1", payment("tx1", T0)),
              KeyValue.pair("c1", payment("tx1", T0 + 10 * MINUTE + 1)));
    }
  }

  @Test
  void earlierRepeatArrivingLateIsDropped() {
    try (PipelineDriver pipeline = PipelineDriver.of(PAYMENTS)) {
      pipeline
          .pipe("t.payments", "c1", payment("tx1", T0 + 5 * MINUTE), 0)
          .pipe("t.payments", "c1", payment("tx1", T0), 0);

      assertThat(pipeline.read("t.unique"))
          .containsExactly(KeyValue.pair("c1", payment("tx1", T0 + 5 * MINUTE)));
    }
  }

  @Test
  void withoutKeyTheRecordKeyIsTheIdentity() {
    try (PipelineDriver pipeline =
        PipelineDriver.of(
            PAYMENTS.replace(
                "deduplicate: {key: txId, within: 10m}", "deduplicate: {within: 10m}"))) {
      pipeline
          .pipe("t.payments", "c1", payment("tx1", T0), 0)
          .pipe("t.payments", "c1", payment("tx2", T0 + MINUTE), 0)
          .pipe("t.payments", "c2", payment("tx3", T0 + MINUTE), 0);

      assertThat(pipeline.read("t.unique"))
          .containsExactly(
              KeyValue.pair("c1", payment("tx1", T0)),
              KeyValue.pair("c2", payment("tx3", T0 + MINUTE)));
    }
  }

  @Test
  void reKeyedInputIsRepartitionedBeforeDeduplication() {
    try (PipelineDriver pipeline =
        PipelineDriver.of(
            PAYMENTS.replace(
                """
                    - name: unique
                      input: payments
                """,
                """
                    - {name: by-tx, input: payments, rekey: txId}
                    - name: unique
                      input: by-tx
                """))) {
      pipeline
          .pipe("t.payments", "c1", payment("tx1", T0), 0)
          .pipe("t.payments", "c9", payment("tx1", T0 + MINUTE), 0);

      assertThat(pipeline.read("t.unique"))
          .containsExactly(KeyValue.pair("tx1", payment("tx1", T0)));
      assertThat(pipeline.driver().producedTopicNames())
          .contains("t.payments-unique.by-key-repartition");
    }
  }
}
