package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class StatelessStepsTest {

  private static final String ORDERS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: shop, team: t}
      spec:
        sources:
          - name: orders
            topic: t.orders
            key: {field: orderId}
            fields:
              orderId: string
              customer: string
              amount: double
              quantity: int
              items: list<string>
              country: string
              placedAt: timestamp
      """;

  private static PipelineDriver pipeline(String stepsAndSinks) {
    return PipelineDriver.of(ORDERS + stepsAndSinks.indent(2));
  }

  @Test
  void filterKeepsRecordsWhoseConditionHolds() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - {name: big, input: orders, filter: "amount > 100.0"}
            sinks:
              - {name: out, input: big, topic: t.big}
            """)) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":150}", T0)
          .pipe("t.orders", "o2", "{\"orderId\":\"o2\",\"amount\":50.5}", T0)
          .pipe("t.orders", "o3", "{\"orderId\":\"o3\",\"amount\":100.5,\"note\":\"kept\"}", T0);

      assertThat(pipeline.read("t.big"))
          .containsExactly(
              KeyValue.pair("o1", "{\"orderId\":\"o1\",\"amount\":150.0}"),
              KeyValue.pair("o3", "{\"orderId\":\"o3\",\"amount\":100.5,\"note\":\"kept\"}"));
    }
  }

  @Test
  void filterTreatsNullAsFalse() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - {name: big, input: orders, filter: "amount > 100.0"}
            sinks:
              - {name: out, input: big, topic: t.big}
            """)) {
      pipeline.pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":null}", T0);

      assertThat(pipeline.read("t.big")).isEmpty();
      assertThat(pipeline.readDeadLetters()).isEmpty();
    }
  }

  @Test
  void selectWritesExactlyTheSelectedFields() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - name: summary
                input: orders
                select:
                  id: orderId
                  gross: amount * 1.5
                  pieces: quantity + 1
                  big: amount > 100.0
                  where: "country + '!'"
                  placed: placedAt
                  first: items[0]
            sinks:
              - {name: out, input: summary, topic: t.summary}
            """)) {
      pipeline.pipe(
          "t.orders",
          "o1",
          """
          {"orderId":"o1","customer":"c1","amount":100,"quantity":2,"items":["a","b"],\
          "country":"DE","placedAt":"2024-05-01T12:00:00Z"}""",
          T0);

      assertThat(pipeline.read("t.summary"))
          .containsExactly(
              KeyValue.pair(
                  "o1",
                  "{\"id\":\"o1\",\"gross\":150.0,\"pieces\":3,\"big\":false,\"where\":\"DE!\","
                      + "\"placed\":"
                      + T0
                      + ",\"first\":\"a\"}"));
    }
  }

  @Test
  void selectOfANullFieldIsNull() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - name: summary
                input: orders
                select: {id: orderId, gross: amount * 2.0}
            sinks:
              - {name: out, input: summary, topic: t.summary}
            """)) {
      pipeline.pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":null}", T0);

      assertThat(pipeline.read("t.summary"))
          .containsExactly(KeyValue.pair("o1", "{\"id\":\"o1\",\"gross\":null}"));
    }
  }

  @Test
  void explodeEmitsOneRecordPerElement() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - name: lines
                input: orders
                explode: {items: items, as: item}
            sinks:
              - {name: out, input: lines, topic: t.lines}
            """)) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"items\":[\"a\",\"b\"]}", T0)
          .pipe("t.orders", "o2", "{\"orderId\":\"o2\",\"items\":[]}", T0)
          .pipe("t.orders", "o3", "{\"orderId\":\"o3\",\"items\":null}", T0);

      assertThat(pipeline.read("t.lines"))
          .containsExactly(
              KeyValue.pair("o1", "{\"orderId\":\"o1\",\"items\":[\"a\",\"b\"],\"item\":\"a\"}"),
              KeyValue.pair("o1", "{\"orderId\":\"o1\",\"items\":[\"a\",\"b\"],\"item\":\"b\"}"));
    }
  }

  @Test
  void rekeyGivesEachRecordTheComputedKey() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - {name: by-customer, input: orders, rekey: customer}
              - {name: by-quantity, input: orders, rekey: quantity * 10}
            sinks:
              - {name: customers, input: by-customer, topic: t.by-customer}
              - {name: quantities, input: by-quantity, topic: t.by-quantity}
            """)) {
      pipeline.pipe(
          "t.orders", "o1", "{\"orderId\":\"o1\",\"customer\":\"c1\",\"quantity\":2}", T0);

      assertThat(pipeline.read("t.by-customer"))
          .containsExactly(
              KeyValue.pair("c1", "{\"orderId\":\"o1\",\"customer\":\"c1\",\"quantity\":2}"));
      assertThat(pipeline.read("t.by-quantity"))
          .containsExactly(
              KeyValue.pair("20", "{\"orderId\":\"o1\",\"customer\":\"c1\",\"quantity\":2}"));
    }
  }

  @Test
  void branchRoutesEachRecordToTheFirstBranchWhoseConditionHolds() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - name: route
                input: orders
                branch:
                  - {name: big, when: "amount > 100.0"}
                  - {name: german, when: "country == 'DE'"}
                  - {name: other}
            sinks:
              - {name: big, input: route.big, topic: t.big}
              - {name: german, input: route.german, topic: t.german}
              - {name: other, input: route.other, topic: t.other}
            """)) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":500,\"country\":\"DE\"}", T0)
          .pipe("t.orders", "o2", "{\"orderId\":\"o2\",\"amount\":5,\"country\":\"DE\"}", T0)
          .pipe("t.orders", "o3", "{\"orderId\":\"o3\",\"amount\":5,\"country\":\"FR\"}", T0);

      assertThat(pipeline.read("t.big"))
          .containsExactly(
              KeyValue.pair("o1", "{\"orderId\":\"o1\",\"amount\":500.0,\"country\":\"DE\"}"));
      assertThat(pipeline.read("t.german"))
          .containsExactly(
              KeyValue.pair("o2", "{\"orderId\":\"o2\",\"amount\":5.0,\"country\":\"DE\"}"));
      assertThat(pipeline.read("t.other"))
          .containsExactly(
              KeyValue.pair("o3", "{\"orderId\":\"o3\",\"amount\":5.0,\"country\":\"FR\"}"));
    }
  }

  @Test
  void branchWithoutDefaultDropsRecordsNoBranchTakes() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - name: route
                input: orders
                branch:
                  - {name: big, when: "amount > 100.0"}
            sinks:
              - {name: big, input: route.big, topic: t.big}
            """)) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":500}", T0)
          .pipe("t.orders", "o2", "{\"orderId\":\"o2\",\"amount\":5}", T0);

      assertThat(pipeline.read("t.big")).extracting(kv -> kv.key).containsExactly("o1");
    }
  }

  @Test
  void sinkKeyExpressionSetsTheOutputKey() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            sinks:
              - {name: out, input: orders, topic: t.out, key: "customer + '/' + country"}
            """)) {
      pipeline.pipe(
          "t.orders", "o1", "{\"orderId\":\"o1\",\"customer\":\"c1\",\"country\":\"DE\"}", T0);

      assertThat(pipeline.read("t.out"))
          .containsExactly(
              KeyValue.pair(
                  "c1/DE", "{\"orderId\":\"o1\",\"customer\":\"c1\",\"country\":\"DE\"}"));
    }
  }

  @Test
  void declaredTypesAreCoercedWhenRead() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            sinks:
              - {name: out, input: orders, topic: t.out}
            """)) {
      pipeline
          .pipe(
              "t.orders",
              "o1",
              "{\"amount\":7,\"quantity\":3.0,\"placedAt\":\"2024-05-01T14:00:00+02:00\"}",
              T0)
          .pipe("t.orders", "o2", "{\"placedAt\":" + T0 + ",\"other\":1}", T0);

      assertThat(pipeline.read("t.out"))
          .containsExactly(
              KeyValue.pair("o1", "{\"amount\":7.0,\"quantity\":3,\"placedAt\":" + T0 + "}"),
              KeyValue.pair("o2", "{\"placedAt\":" + T0 + ",\"other\":1}"));
    }
  }
}
