package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class StreamStreamJoinTest {

  private static final long MINUTE = 60_000;

  private static final String ORDERS_AND_SHIPMENTS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: delivery, team: t}
      spec:
        sources:
          - name: orders
            topic: t.orders
            key: {field: orderId}
            fields: {orderId: string, ts: timestamp}
            eventTime: {field: ts}
          - name: shipments
            topic: t.shipments
            key: {field: orderId}
            fields: {orderId: string, carrier: string, ts: timestamp}
            eventTime: {field: ts}
        steps:
          - name: shipped
            input: orders
            join: {with: shipments, key: orderId, type: %s, within: 10m, grace: 1m}
        sinks:
          - {name: out, input: shipped, topic: t.shipped}
      """;

  private static PipelineDriver pipeline(String type) {
    return PipelineDriver.of(ORDERS_AND_SHIPMENTS.formatted(type));
  }

  private static String order(String id, long ts) {
    return "{\"orderId\":\"" + id + "\",\"ts\":" + ts + "}";
  }

  private static String shipment(String id, long ts) {
    return "{\"orderId\":\"" + id + "\",\"carrier\":\"dhl\",\"ts\":" + ts + "}";
  }

  private static String joined(String id, long orderTs, long shipmentTs) {
    return "{\"orderId\":\""
        + id
        + "\",\"ts\":"
        + orderTs
        + ",\"shipments_orderId\":\""
        + id
        + "\",\"carrier\":\"dhl\",\"shipments_ts\":"
        + shipmentTs
        + "}";
  }

  @Test
  void innerJoinPairsEventsAtMostWithinApart() {
    try (PipelineDriver pipeline = pipeline("inner")) {
      pipeline
          .pipe("t.orders", "o1", order("o1", T0), 0)
          .pipe("t.shipments", "o1", shipment("o1", T0 + 5 * MINUTE), 0)
          .pipe("t.orders", "o2", order("o2", T0), 0)
          .pipe("t.shipments", "o2", shipment("o2", T0 + 11 * MINUTE), 0);

      assertThat(pipeline.read("t.shipped"))
          .containsExactly(KeyValue.pair("o1", joined("o1", T0, T0 + 5 * MINUTE)));
    }
  }

  @Test
  void latePastGraceIsNotJoined() {
    // Kafka Streams enforces a join's grace through the retention of its window stores (within
    // before + within after + grace), so a record is surely dropped once it is that late.
    try (PipelineDriver pipeline = pipeline("inner")) {
      pipeline
          .pipe("t.orders", "o1", order("o1", T0), 0)
          .pipe("t.orders", "o9", order("o9", T0 + 60 * MINUTE), 0)
          .pipe("t.shipments", "o1", shipment("o1", T0 + 5 * MINUTE), 0);

      assertThat(pipeline.read("t.shipped")).isEmpty();
    }
  }

  @Test
  void leftJoinWritesUnmatchedOrdersOnceTheirWindowCloses() {
    try (PipelineDriver pipeline = pipeline("left")) {
      pipeline
          .pipe("t.orders", "o1", order("o1", T0), 0)
          .pipe("t.shipments", "o1", shipment("o1", T0 + 5 * MINUTE), 0)
          .pipe("t.orders", "o2", order("o2", T0 + MINUTE), 0);
      assertThat(pipeline.read("t.shipped"))
          .containsExactly(KeyValue.pair("o1", joined("o1", T0, T0 + 5 * MINUTE)));

      pipeline.pipe("t.shipments", "o9", shipment("o9", T0 + 30 * MINUTE), 0);

      assertThat(pipeline.read("t.shipped"))
          .containsExactly(
              KeyValue.pair(
                  "o2",
                  "{\"orderId\":\"o2\",\"ts\":"
                      + (T0 + MINUTE)
                      + ",\"shipments_orderId\":null,\"carrier\":null,\"shipments_ts\":null}"));
    }
  }

  @Test
  void outerJoinAlsoWritesUnmatchedShipments() {
    try (PipelineDriver pipeline = pipeline("outer")) {
      pipeline
          .pipe("t.shipments", "o7", shipment("o7", T0), 0)
          .pipe("t.orders", "o8", order("o8", T0 + 30 * MINUTE), 0);

      assertThat(pipeline.read("t.shipped"))
          .containsExactly(
              KeyValue.pair(
                  "o7",
                  "{\"orderId\":null,\"ts\":null,\"shipments_orderId\":\"o7\",\"carrier\":\"dhl\","
                      + "\"shipments_ts\":"
                      + T0
                      + "}"));
    }
  }
}
