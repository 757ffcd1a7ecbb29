package dev.tributary.worker;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * The three typical use cases (card fraud, order ETL, machine health), compiled from their pipeline
 * documents and run.
 */
class UseCasePipelinesTest {

  private static final long MINUTE = 60_000;
  private static final String TRANSACTIONS = "payments.transactions";
  private static final byte[] OOPS = "oops".getBytes(StandardCharsets.UTF_8);

  @Test
  void cardFraudAlertsOnCardsThatSpendBeyondTheirLimitAtTheTime() {
    try (PipelineDriver pipeline = PipelineDriver.fromResource("/pipelines/card-fraud.yaml")) {
      pipeline
          .pipe("payments.cards", "c1", card("c1", 100), T0 - 60 * MINUTE)
          // Raised later; transactions before it are still checked against the old limit.
          .pipe("payments.cards", "c1", card("c1", 500), T0 + 10 * MINUTE)
          .pipe(TRANSACTIONS, "c1", transaction("tx1", "c1", 60, "DE", T0 + MINUTE), 0)
          .pipe(TRANSACTIONS, "c1", transaction("tx1", "c1", 60, "DE", T0 + 2 * MINUTE), 0)
          .pipe(TRANSACTIONS, "c1", transaction("tx2", "c1", 50, "FR", T0 + 3 * MINUTE), 0)
          .pipeBytes(TRANSACTIONS, "c1", OOPS, 0)
          .pipe(TRANSACTIONS, "c2", transaction("tx9", "c2", 5, "DE", T0 + 6 * MINUTE), 0)
          // Past the window's grace: dropped, the alert already written stays as it is.
          .pipe(TRANSACTIONS, "c1", transaction("tx3", "c1", 1000, "DE", T0 + 4 * MINUTE), 0);

      assertThat(pipeline.read("payments.fraud-alerts"))
          .containsExactly(
              KeyValue.pair(
                  "c1",
                  "{\"cardId\":\"c1\",\"spent\":110.0,\"overLimitBy\":10.0,\"transactions\":2,"
                      + "\"countries\":[\"DE\",\"FR\"],\"windowStart\":"
                      + T0
                      + "}"));
      assertThat(pipeline.readDeadLetters())
          .singleElement()
          .satisfies(dead -> assertThat(dead.value()).isEqualTo(OOPS));
    }
  }

  @Test
  void ordersEtlCleansEnrichesAndRoutesOrdersByRegion() {
    try (PipelineDriver pipeline = PipelineDriver.fromResource("/pipelines/orders-etl.yaml")) {
      pipeline
          .pipe("shop.customers", "c1", customer("c1", "Ann", "eu"), T0)
          .pipe("shop.customers", "c2", customer("c2", "Bob", "na"), T0)
          .pipe("shop.orders.raw", "c1", order("o1", "c1", "2500", "new"), 0)
          .pipe("shop.orders.raw", "c2", order("o2", "c2", "150000", "new"), 0)
          .pipe("shop.orders.raw", "c3", order("o3", "c3", "999", "new"), 0)
          .pipe("shop.orders.raw", "c1", order("o4", "c1", "2500", "test"), 0)
          .pipe("shop.orders.raw", "c1", order("o5", "c1", "\"lots\"", "new"), 0);

      assertThat(pipeline.read("shop.orders.eu"))
          .containsExactly(KeyValue.pair("c1", enriched("o1", "c1", "\"Ann\"", "\"eu\"", 25.0)));
      assertThat(pipeline.read("shop.orders.review"))
          .containsExactly(KeyValue.pair("o2", enriched("o2", "c2", "\"Bob\"", "\"na\"", 1500.0)));
      assertThat(pipeline.read("shop.orders.other"))
          .containsExactly(KeyValue.pair("c3", enriched("o3", "c3", "null", "null", 9.99)));
      assertThat(pipeline.readDeadLetters())
          .singleElement()
          .satisfies(
              dead -> {
                assertThat(dead.key()).isEqualTo("c1");
                assertThat(
                        new String(
                            dead.headers().lastHeader(DeadLetterHeaders.ERROR).value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("field 'amountCents' is \"lots\", not an int");
              });
    }
  }

  @Test
  void machineHealthAlertsOnWindowsThatRunHotOrShake() {
    try (PipelineDriver pipeline = PipelineDriver.fromResource("/pipelines/machine-health.yaml")) {
      pipeline
          .pipe("factory.machines", "m1", machine("m1", "A", 80, 5), T0 - 60 * MINUTE)
          .pipe("factory.machines", "m2", machine("m2", "B", 90, 10), T0 - 60 * MINUTE)
          .pipe("factory.sensor-readings", "m1", reading("m1", 70, 1, T0 + MINUTE), 0)
          .pipe("factory.sensor-readings", "m1", reading("m1", 100, 2, T0 + 2 * MINUTE), 0)
          .pipe("factory.sensor-readings", "m2", reading("m2", 50, 12, T0 + 3 * MINUTE), 0)
          .pipe("factory.sensor-readings", "m1", reading("m1", 600, 1, T0 + 6 * MINUTE), 0);
      assertThat(pipeline.read("factory.maintenance-alerts")).isEmpty();

      pipeline.pipe("factory.sensor-readings", "m2", reading("m2", 20, 0, T0 + 20 * MINUTE), 0);

      assertThat(pipeline.read("factory.maintenance-alerts"))
          .containsExactly(
              KeyValue.pair("m1", alert("m1", "A", "overheating", 85.0, 2.0, T0 - 5 * MINUTE)),
              KeyValue.pair("m2", alert("m2", "B", "vibration", 50.0, 12.0, T0 - 5 * MINUTE)),
              KeyValue.pair("m1", alert("m1", "A", "overheating", 85.0, 2.0, T0)),
              KeyValue.pair("m2", alert("m2", "B", "vibration", 50.0, 12.0, T0)));
    }
  }

  private static String card(String cardId, double limit) {
    return "{\"cardId\":\"" + cardId + "\",\"holder\":\"Ann\",\"limit\":" + limit + "}";
  }

  private static String transaction(
      String txId, String cardId, double amount, String country, long ts) {
    return "{\"txId\":\""
        + txId
        + "\",\"cardId\":\""
        + cardId
        + "\",\"amount\":"
        + amount
        + ",\"merchant\":\"shop\",\"country\":\""
        + country
        + "\",\"ts\":"
        + ts
        + "}";
  }

  private static String customer(String id, String name, String region) {
    return "{\"customerId\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"region\":\""
        + region
        + "\"}";
  }

  /** The enriched order; name and region are JSON values (quoted strings or null). */
  private static String enriched(
      String orderId, String customerId, String name, String region, double amount) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\""
        + customerId
        + "\",\"customerName\":"
        + name
        + ",\"region\":"
        + region
        + ",\"amount\":"
        + amount
        + ",\"itemCount\":2,\"createdAt\":"
        + T0
        + "}";
  }

  private static String order(
      String orderId, String customerId, String amountCents, String status) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\""
        + customerId
        + "\",\"amountCents\":"
        + amountCents
        + ",\"status\":\""
        + status
        + "\",\"items\":[\"a\",\"b\"],\"createdAt\":\""
        + "2024-05-01T12:00:00Z\"}";
  }

  private static String machine(
      String id, String line, double maxTemperature, double maxVibration) {
    return "{\"machineId\":\""
        + id
        + "\",\"line\":\""
        + line
        + "\",\"maxTemperature\":"
        + maxTemperature
        + ",\"maxVibration\":"
        + maxVibration
        + "}";
  }

  private static String reading(String id, double temperature, double vibration, long readAt) {
    return "{\"machineId\":\""
        + id
        + "\",\"temperature\":"
        + temperature
        + ",\"vibration\":"
        + vibration
        + ",\"readAt\":"
        + readAt
        + "}";
  }

  private static String alert(
      String id,
      String line,
      String reason,
      double avgTemperature,
      double peakVibration,
      long start) {
    return "{\"machineId\":\""
        + id
        + "\",\"line\":\""
        + line
        + "\",\"reason\":\""
        + reason
        + "\",\"avgTemperature\":"
        + avgTemperature
        + ",\"peakVibration\":"
        + peakVibration
        + ",\"windowStart\":"
        + start
        + ",\"windowEnd\":"
        + (start + 10 * MINUTE)
        + "}";
  }
}
