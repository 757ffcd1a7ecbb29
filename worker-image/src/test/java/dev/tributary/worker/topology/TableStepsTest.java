package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/** Filter, select and sinks on tables: rows change and disappear, and outputs follow. */
class TableStepsTest {

  private static final String ACCOUNTS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: ledger, team: t}
      spec:
        tables:
          - name: accounts
            topic: t.accounts
            key: {field: id}
            fields: {id: string, owner: string, balance: int, limit: int}
      """;

  private static PipelineDriver pipeline(String stepsAndSinks) {
    return PipelineDriver.of(ACCOUNTS + stepsAndSinks.indent(2));
  }

  @Test
  void filterOnATableDeletesRowsThatStopMatching() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - {name: positive, input: accounts, filter: balance > 0}
            sinks:
              - {name: out, input: positive, topic: t.positive}
            """)) {
      pipeline
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"balance\":10}", T0)
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"balance\":-5}", T0)
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"balance\":7}", T0)
          .pipe("t.accounts", "a1", null, T0);

      assertThat(pipeline.read("t.positive"))
          .containsExactly(
              KeyValue.pair("a1", "{\"id\":\"a1\",\"balance\":10}"),
              KeyValue.pair("a1", null),
              KeyValue.pair("a1", "{\"id\":\"a1\",\"balance\":7}"),
              KeyValue.pair("a1", null));
    }
  }

  @Test
  void rowWhoseSelectFailsIsDeadLetteredAndRemoved() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - {name: usage, input: accounts, select: {id: id, used: balance * 100 / limit}}
            sinks:
              - {name: out, input: usage, topic: t.usage}
            """)) {
      pipeline
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"balance\":5,\"limit\":10}", T0)
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"balance\":5,\"limit\":0}", T0);

      assertThat(pipeline.read("t.usage"))
          .containsExactly(
              KeyValue.pair("a1", "{\"id\":\"a1\",\"used\":50}"), KeyValue.pair("a1", null));
      assertThat(pipeline.readDeadLetters())
          .singleElement()
          .satisfies(
              dead ->
                  assertThat(
                          new String(
                              dead.headers().lastHeader(DeadLetterHeaders.ERROR).value(),
                              StandardCharsets.UTF_8))
                      .isEqualTo("expression 'balance * 100 / limit' failed: / by zero"));
    }
  }

  @Test
  void malformedRowIsDeadLetteredAndLeavesTheTableAsItWas() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            sinks:
              - {name: out, input: accounts, topic: t.out}
            """)) {
      pipeline
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"balance\":5}", T0)
          .pipe("t.accounts", "a1", "{\"id\":", T0);

      assertThat(pipeline.read("t.out"))
          .containsExactly(KeyValue.pair("a1", "{\"id\":\"a1\",\"balance\":5}"));
      assertThat(pipeline.readDeadLetters()).hasSize(1);
    }
  }

  @Test
  void sinkWithAKeyWritesRowsUnderTheirNewKeyAndDropsDeletes() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            sinks:
              - {name: by-owner, input: accounts, topic: t.by-owner, key: owner}
            """)) {
      pipeline
          .pipe("t.accounts", "a1", "{\"id\":\"a1\",\"owner\":\"ann\"}", T0)
          .pipe("t.accounts", "a1", null, T0);

      assertThat(pipeline.read("t.by-owner"))
          .containsExactly(KeyValue.pair("ann", "{\"id\":\"a1\",\"owner\":\"ann\"}"));
    }
  }

  @Test
  void runningAggregateCanBeLookedUpByAStream() {
    try (PipelineDriver pipeline =
        PipelineDriver.of(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: Pipeline
            metadata: {name: ledger, team: t}
            spec:
              sources:
                - name: deposits
                  topic: t.deposits
                  key: {field: account}
                  fields: {account: string, amount: int}
                - name: withdrawals
                  topic: t.withdrawals
                  key: {field: account}
                  fields: {account: string, amount: int}
              steps:
                - name: balances
                  input: deposits
                  aggregate:
                    groupBy: {account: account}
                    aggregates: {deposited: {fn: sum, of: amount}}
                - name: checked
                  input: withdrawals
                  join:
                    with: balances
                    key: account
                    select: {account: account, covered: amount <= deposited}
              sinks:
                - {name: out, input: checked, topic: t.checked}
            """)) {
      pipeline
          .pipe("t.deposits", "a1", "{\"account\":\"a1\",\"amount\":10}", T0)
          .pipe("t.deposits", "a1", "{\"account\":\"a1\",\"amount\":5}", T0)
          .pipe("t.withdrawals", "a1", "{\"account\":\"a1\",\"amount\":12}", T0)
          .pipe("t.withdrawals", "a1", "{\"account\":\"a1\",\"amount\":20}", T0);

      assertThat(pipeline.read("t.checked"))
          .containsExactly(
              KeyValue.pair("a1", "{\"account\":\"a1\",\"covered\":true}"),
              KeyValue.pair("a1", "{\"account\":\"a1\",\"covered\":false}"));
    }
  }
}
