package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import dev.tributary.worker.explain.TopologyExplanation;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A source's parse and the stateless steps after it run in one processor where each is the only
 * reader of the one before; what they write, and what they dead-letter, is what separate processors
 * would write.
 */
class FusedStatelessStepsTest {

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
            fields: {orderId: string, amount: double, quantity: int, items: list<string>}
      """;

  private static PipelineDriver pipeline(String stepsAndSinks) {
    return PipelineDriver.of(ORDERS + stepsAndSinks.indent(2));
  }

  private static final String FILTER_THEN_SELECT =
      """
      steps:
        - {name: big, input: orders, filter: "amount > 100.0"}
        - name: unit-prices
          input: big
          select: {id: orderId, unitPrice: "amount / double(quantity)", quantity: quantity}
      sinks:
        - {name: out, input: unit-prices, topic: t.unit-prices}
      """;

  @Test
  void parseAndConsecutiveStatelessStepsAreOneProcessorNamedAfterThem() {
    try (PipelineDriver pipeline = pipeline(FILTER_THEN_SELECT)) {
      List<TopologyExplanation.Node> nodes =
          TopologyExplanation.of(pipeline.pipeline()).subTopologies().get(0).nodes();

      assertThat(nodes)
          .extracting(TopologyExplanation.Node::name)
          .containsExactlyInAnyOrder(
              "orders.source",
              "orders.parse_big.filter_unit-prices.select",
              "orders.parse_big.filter_unit-prices.select.dead-letter-record",
              "orders.parse_big.filter_unit-prices.select.dead-letter",
              "out.sink");
      assertThat(nodes)
          .filteredOn(node -> node.name().equals("orders.parse_big.filter_unit-prices.select"))
          .singleElement()
          .satisfies(
              node ->
                  assertThat(node.successors())
                      .containsExactlyInAnyOrder(
                          "orders.parse_big.filter_unit-prices.select.dead-letter-record",
                          "out.sink"));
    }
  }

  @Test
  void failureInALaterStepIsDeadLetteredWithThatStepsNameAndInput() {
    try (PipelineDriver pipeline = pipeline(FILTER_THEN_SELECT)) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":300,\"quantity\":3}", T0)
          .pipe(
              "t.orders",
              "o2",
              "{\"orderId\":\"o2\",\"amount\":200,\"items\":[\"a\"],\"note\":{\"gift\":true}}",
              T0)
          .pipeBytes("t.orders", "o3", "not json".getBytes(StandardCharsets.UTF_8), T0)
          .pipe("t.orders", "o4", "{\"orderId\":\"o4\",\"amount\":50,\"quantity\":0}", T0);

      assertThat(pipeline.read("t.unit-prices"))
          .containsExactly(
              KeyValue.pair("o1", "{\"id\":\"o1\",\"unitPrice\":100.0,\"quantity\":3}"));
      List<TestRecord<String, byte[]>> dead = pipeline.readDeadLetters();
      assertThat(dead).extracting(TestRecord::key).containsExactly("o2", "o3");
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
          .as("the whole record, though the steps read only some of its fields")
          .isEqualTo(
              "{\"orderId\":\"o2\",\"amount\":200.0,\"items\":[\"a\"],\"note\":{\"gift\":true}}");
      assertThat(headers(dead.get(0)))
          .containsEntry(DeadLetterHeaders.PIPELINE, "shop")
          .containsEntry(DeadLetterHeaders.STEP, "unit-prices")
          .containsEntry(
              DeadLetterHeaders.ERROR,
              "expression 'amount / double(quantity)' needs field 'quantity', which the record"
                  + " does not have")
          .containsEntry(DeadLetterHeaders.TOPIC, "t.orders")
          .containsEntry(DeadLetterHeaders.OFFSET, "1");
      assertThat(dead.get(1).value()).isEqualTo("not json".getBytes(StandardCharsets.UTF_8));
      assertThat(headers(dead.get(1)))
          .containsEntry(DeadLetterHeaders.STEP, "orders")
          .containsEntry(DeadLetterHeaders.OFFSET, "2");
      assertThat(pipeline.deadLetterCounter().byStep())
          .containsExactly(Map.entry("orders", 1L), Map.entry("unit-prices", 1L));
    }
  }

  @Test
  void fieldsNoStepReadsAreNotKeptButStillChecked() {
    try (PipelineDriver pipeline = pipeline(FILTER_THEN_SELECT)) {
      pipeline
          .pipe(
              "t.orders",
              "o1",
              "{\"extra\":[1,{\"a\":null}],\"quantity\":2,\"items\":null,\"amount\":300,"
                  + "\"orderId\":\"o1\"}",
              T0)
          .pipe(
              "t.orders",
              "o2",
              "{\"orderId\":\"o2\",\"amount\":300,\"quantity\":2,\"items\":\"x\"}",
              T0)
          .pipe(
              "t.orders",
              "o3",
              "{\"orderId\":\"o3\",\"amount\":300,\"quantity\":2,\"items\":[\"x\"]}",
              T0);

      assertThat(pipeline.read("t.unit-prices"))
          .containsExactly(
              KeyValue.pair("o1", "{\"id\":\"o1\",\"unitPrice\":150.0,\"quantity\":2}"),
              KeyValue.pair("o3", "{\"id\":\"o3\",\"unitPrice\":150.0,\"quantity\":2}"));
      List<TestRecord<String, byte[]>> dead = pipeline.readDeadLetters();
      assertThat(dead).extracting(TestRecord::key).containsExactly("o2");
      assertThat(headers(dead.get(0)))
          .containsEntry(DeadLetterHeaders.STEP, "orders")
          .containsEntry(DeadLetterHeaders.ERROR, "field 'items' is \"x\", not a list");
    }
  }

  @Test
  void anExplodedElementThatFailsIsDeadLetteredAloneAndTheOthersGoOn() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - name: lines
                input: orders
                explode: {items: items, as: item}
              - name: codes
                input: lines
                select: {id: orderId, code: "int(item)"}
            sinks:
              - {name: out, input: codes, topic: t.codes}
            """)) {
      pipeline.pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"items\":[\"1\",\"x\",\"3\"]}", T0);

      assertThat(pipeline.read("t.codes"))
          .containsExactly(
              KeyValue.pair("o1", "{\"id\":\"o1\",\"code\":1}"),
              KeyValue.pair("o1", "{\"id\":\"o1\",\"code\":3}"));
      List<TestRecord<String, byte[]>> dead = pipeline.readDeadLetters();
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"orderId\":\"o1\",\"items\":[\"1\",\"x\",\"3\"],\"item\":\"x\"}");
      assertThat(headers(dead.get(0))).containsEntry(DeadLetterHeaders.STEP, "codes");
    }
  }

  @Test
  void anInputReadTwiceIsParsedOnceAndItsReadersAreSeparate() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            steps:
              - {name: big, input: orders, filter: "amount > 100.0"}
              - {name: small, input: orders, filter: "amount <= 100.0"}
            sinks:
              - {name: big-out, input: big, topic: t.big}
              - {name: small-out, input: small, topic: t.small}
            """)) {
      pipeline
          .pipe("t.orders", "o1", "{\"orderId\":\"o1\",\"amount\":150}", T0)
          .pipeBytes("t.orders", "o2", "[]".getBytes(StandardCharsets.UTF_8), T0)
          .pipe("t.orders", "o3", "{\"orderId\":\"o3\",\"amount\":50}", T0);

      assertThat(pipeline.read("t.big"))
          .containsExactly(KeyValue.pair("o1", "{\"orderId\":\"o1\",\"amount\":150.0}"));
      assertThat(pipeline.read("t.small"))
          .containsExactly(KeyValue.pair("o3", "{\"orderId\":\"o3\",\"amount\":50.0}"));
      assertThat(pipeline.readDeadLetters()).extracting(TestRecord::key).containsExactly("o2");
      assertThat(TopologyExplanation.of(pipeline.pipeline()).subTopologies().get(0).nodes())
          .extracting(TopologyExplanation.Node::name)
          .contains("orders.parse", "big.filter", "small.filter");
    }
  }

  private static Map<String, String> headers(TestRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
