package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class StreamTableJoinTest {

  private static final long MINUTE = 60_000;

  private static final String PAYMENTS_AND_CARDS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: enrich, team: t}
      spec:
        sources:
          - name: payments
            topic: t.payments
            key: {field: cardId}
            fields: {txId: string, cardId: string, amount: double, ts: timestamp}
            eventTime: {field: ts}
        tables:
          - name: cards
            topic: t.cards
            key: {field: cardId}
            fields: {cardId: string, holder: string, limit: double}
            %s
        steps:
          - name: enriched
            input: payments
            join: {with: cards, key: cardId, %s}
        sinks:
          - {name: out, input: enriched, topic: t.enriched}
      """;

  private static PipelineDriver pipeline(String table, String join) {
    return PipelineDriver.of(PAYMENTS_AND_CARDS.formatted(table, join));
  }

  private static String payment(String txId, String cardId, long ts) {
    return "{\"txId\":\""
        + txId
        + "\",\"cardId\":\""
        + cardId
        + "\",\"amount\":5.0,\"ts\":"
        + ts
        + "}";
  }

  private static String card(String cardId, double limit) {
    return "{\"cardId\":\"" + cardId + "\",\"holder\":\"Ann\",\"limit\":" + limit + "}";
  }

  private static String joined(String txId, long ts, Double limit) {
    return "{\"txId\":\""
        + txId
        + "\",\"cardId\":\"c1\",\"amount\":5.0,\"ts\":"
        + ts
        + (limit == null
            ? ",\"cards_cardId\":null,\"holder\":null,\"limit\":null}"
            : ",\"cards_cardId\":\"c1\",\"holder\":\"Ann\",\"limit\":" + limit + "}");
  }

  @Test
  void innerJoinLooksUpTheLatestRowAndDropsEventsWithoutOne() {
    try (PipelineDriver pipeline = pipeline("", "type: inner")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 100), T0)
          .pipe("t.cards", "c1", card("c1", 200), T0 + 10 * MINUTE)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0 + 5 * MINUTE), 0)
          .pipe("t.payments", "c2", payment("tx2", "c2", T0 + 5 * MINUTE), 0);

      assertThat(pipeline.read("t.enriched"))
          .containsExactly(KeyValue.pair("c1", joined("tx1", T0 + 5 * MINUTE, 200.0)));
    }
  }

  @Test
  void deletedRowNoLongerMatchesAnInnerJoin() {
    try (PipelineDriver pipeline = pipeline("", "type: inner")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 100), T0)
          .pipe("t.cards", "c1", null, T0 + MINUTE)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0 + 2 * MINUTE), 0);

      assertThat(pipeline.read("t.enriched")).isEmpty();
    }
  }

  @Test
  void leftJoinWritesNullsForADeletedOrMissingRow() {
    try (PipelineDriver pipeline = pipeline("", "type: left")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 100), T0)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0 + MINUTE), 0)
          .pipe("t.cards", "c1", null, T0 + 2 * MINUTE)
          .pipe("t.payments", "c1", payment("tx2", "c1", T0 + 3 * MINUTE), 0);

      assertThat(pipeline.read("t.enriched"))
          .containsExactly(
              KeyValue.pair("c1", joined("tx1", T0 + MINUTE, 100.0)),
              KeyValue.pair("c1", joined("tx2", T0 + 3 * MINUTE, null)));
    }
  }

  @Test
  void asOfJoinUsesTheRowThatWasCurrentAtTheEventTime() {
    try (PipelineDriver pipeline = pipeline("versioned: {history: 7d}", "type: left, asOf: true")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 100), T0)
          .pipe("t.cards", "c1", card("c1", 200), T0 + 10 * MINUTE)
          // An older version arriving late still takes its place in the history.
          .pipe("t.cards", "c1", card("c1", 150), T0 + 2 * MINUTE)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0 + MINUTE), 0)
          .pipe("t.payments", "c1", payment("tx2", "c1", T0 + 15 * MINUTE), 0)
          // Out of order: an event older than the last one looks up the older version.
          .pipe("t.payments", "c1", payment("tx3", "c1", T0 + 5 * MINUTE), 0)
          .pipe("t.payments", "c1", payment("tx4", "c1", T0 - MINUTE), 0);

      assertThat(pipeline.read("t.enriched"))
          .containsExactly(
              KeyValue.pair("c1", joined("tx1", T0 + MINUTE, 100.0)),
              KeyValue.pair("c1", joined("tx2", T0 + 15 * MINUTE, 200.0)),
              KeyValue.pair("c1", joined("tx3", T0 + 5 * MINUTE, 150.0)),
              KeyValue.pair("c1", joined("tx4", T0 - MINUTE, null)));
    }
  }

  @Test
  void joinWithoutAsOfUsesTheLatestRowOfAVersionedTable() {
    try (PipelineDriver pipeline = pipeline("versioned: {history: 7d}", "type: inner")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 100), T0)
          .pipe("t.cards", "c1", card("c1", 200), T0 + 10 * MINUTE)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0 + MINUTE), 0);

      assertThat(pipeline.read("t.enriched"))
          .containsExactly(KeyValue.pair("c1", joined("tx1", T0 + MINUTE, 200.0)));
    }
  }

  @Test
  void selectIsEvaluatedOnTheMergedRecord() {
    try (PipelineDriver pipeline =
        pipeline(
            "",
            "type: left, select: {tx: txId, card: cards_cardId, over: amount > limit,"
                + " headroom: limit - amount}")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 4), T0)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0), 0)
          .pipe("t.payments", "c2", payment("tx2", "c2", T0), 0);

      assertThat(pipeline.read("t.enriched"))
          .containsExactly(
              KeyValue.pair(
                  "c1", "{\"tx\":\"tx1\",\"card\":\"c1\",\"over\":true,\"headroom\":-1.0}"),
              KeyValue.pair(
                  "c2", "{\"tx\":\"tx2\",\"card\":null,\"over\":null,\"headroom\":null}"));
    }
  }

  @Test
  void eventsAreReadForWhatTheSelectReadsAndCheckedInFull() {
    try (PipelineDriver pipeline =
        pipeline("", "type: inner, select: {tx: txId, holder: holder}")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 4), T0)
          .pipe(
              "t.payments",
              "c1",
              "{\"note\":{\"x\":[1]},\"amount\":5,\"txId\":\"tx1\",\"cardId\":\"c1\",\"ts\":"
                  + T0
                  + "}",
              0)
          .pipe(
              "t.payments",
              "c1",
              "{\"txId\":\"tx2\",\"cardId\":\"c1\",\"amount\":\"lots\",\"ts\":" + T0 + "}",
              0);

      assertThat(pipeline.read("t.enriched"))
          .containsExactly(KeyValue.pair("c1", "{\"tx\":\"tx1\",\"holder\":\"Ann\"}"));
      var dead = pipeline.readDeadLetters();
      assertThat(dead).hasSize(1);
      assertThat(
              new String(
                  dead.get(0).headers().lastHeader(DeadLetterHeaders.ERROR).value(),
                  StandardCharsets.UTF_8))
          .as("a field no step reads is still checked against its type")
          .isEqualTo("field 'amount' is \"lots\", not a double");
    }
  }

  @Test
  void selectThatFailsDeadLettersTheWholeMergedRecord() {
    try (PipelineDriver pipeline = pipeline("", "type: inner, select: {tx: txId, spent: amount}")) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 4), T0)
          .pipe("t.payments", "c1", "{\"txId\":\"tx1\",\"cardId\":\"c1\",\"ts\":" + T0 + "}", 0);

      var dead = pipeline.readDeadLetters();
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"txId\":\"tx1\",\"cardId\":\"c1\",\"ts\":"
                  + T0
                  + ",\"cards_cardId\":\"c1\",\"holder\":\"Ann\",\"limit\":4.0}");
      assertThat(
              new String(
                  dead.get(0).headers().lastHeader(DeadLetterHeaders.STEP).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo("enriched");
      assertThat(pipeline.read("t.enriched")).isEmpty();
    }
  }

  @Test
  void joinsOfOneTableEachReadTheFieldsTheirSelectsRead() {
    String document =
        """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata: {name: enrich, team: t}
        spec:
          sources:
            - name: payments
              topic: t.payments
              key: {field: cardId}
              fields: {txId: string, cardId: string, amount: double, ts: timestamp}
              eventTime: {field: ts}
          tables:
            - name: cards
              topic: t.cards
              key: {field: cardId}
              fields: {cardId: string, holder: string, limit: double}
          steps:
            - name: holders
              input: payments
              join: {with: cards, key: cardId, select: {tx: txId, holder: holder}}
            - name: limits
              input: payments
              join: {with: cards, key: cardId, select: {tx: txId, over: amount > limit}}
          sinks:
            - {name: out1, input: holders, topic: t.holders}
            - {name: out2, input: limits, topic: t.limits}
        """;
    try (PipelineDriver pipeline = PipelineDriver.of(document)) {
      pipeline
          .pipe("t.cards", "c1", card("c1", 4), T0)
          .pipe("t.payments", "c1", payment("tx1", "c1", T0), 0);

      assertThat(pipeline.read("t.holders"))
          .containsExactly(KeyValue.pair("c1", "{\"tx\":\"tx1\",\"holder\":\"Ann\"}"));
      assertThat(pipeline.read("t.limits"))
          .containsExactly(KeyValue.pair("c1", "{\"tx\":\"tx1\",\"over\":true}"));
    }
  }
}
