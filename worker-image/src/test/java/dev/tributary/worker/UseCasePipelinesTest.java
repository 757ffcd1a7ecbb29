package dev.tributary.worker;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * The three typical use cases (card fraud, order ETL, machine health), compiled from the examples'
 * pipeline documents ({@code examples/<name>/pipeline.yaml}) and run.
 */
class UseCasePipelinesTest {

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final String TRANSACTIONS = "payments.transactions";
  private static final String CARDS = "payments.cards";
  private static final String RAW_ORDERS = "logistics.orders.raw";
  private static final String CUSTOMERS = "logistics.customers";
  private static final String READINGS = "logistics.sensor-readings";
  private static final String MACHINES = "logistics.machines";
  private static final String ALERTS = "logistics.maintenance-alerts";
  private static final byte[] OOPS = "oops".getBytes(StandardCharsets.UTF_8);

  @Test
  void cardFraudAlertsOnCardsThatSpendBeyondTheirLimitAtTheTime() {
    try (PipelineDriver pipeline = PipelineDriver.fromFile(Examples.pipeline("card-fraud"))) {
      pipeline
          .pipe(CARDS, "c1", card("c1", 100), T0 - 60 * MINUTE)
          // Raised at ten past; transactions before it are still checked against the old limit.
          .pipe(CARDS, "c1", card("c1", 500), T0 + 10 * MINUTE)
          .pipe(TRANSACTIONS, "c1", transaction("tx1", "c1", 60, T0 + 10 * SECOND), 0)
          // A retried payment with the same txId: dropped.
          .pipe(TRANSACTIONS, "c1", transaction("tx1", "c1", 60, T0 + 20 * SECOND), 0)
          .pipe(TRANSACTIONS, "c1", transaction("tx2", "c1", 50, T0 + 30 * SECOND), 0)
          .pipeBytes(TRANSACTIONS, "c1", OOPS, 0)
          // Closes the first minute (its end plus ten seconds of grace) on stream time.
          .pipe(TRANSACTIONS, "c2", transaction("tx9", "c2", 5, T0 + 2 * MINUTE), 0)
          // Past the window's grace: dropped, the alert already written stays as it is.
          .pipe(TRANSACTIONS, "c1", transaction("tx3", "c1", 1000, T0 + 40 * SECOND), 0)
          // Within the raised limit of 500, though beyond the old one.
          .pipe(TRANSACTIONS, "c1", transaction("tx4", "c1", 400, T0 + 11 * MINUTE), 0)
          .pipe(TRANSACTIONS, "c2", transaction("tx10", "c2", 5, T0 + 13 * MINUTE), 0);

      assertThat(pipeline.read("payments.fraud-alerts"))
          .containsExactly(
              KeyValue.pair(
                  "c1",
                  "{\"cardId\":\"c1\",\"spent\":110.0,\"overLimitBy\":10.0,\"transactions\":2,"
                      + "\"windowStart\":"
                      + T0
                      + "}"));
      assertThat(pipeline.readDeadLetters())
          .singleElement()
          .satisfies(dead -> assertThat(dead.value()).isEqualTo(OOPS));
    }
  }

  @Test
  void ordersEtlCleansEnrichesAndRoutesOrdersByRegion() {
    try (PipelineDriver pipeline = PipelineDriver.fromFile(Examples.pipeline("orders-etl"))) {
      pipeline
          .pipe(CUSTOMERS, "c1", customer("c1", "Ann", "eu", "retail"), T0)
          .pipe(CUSTOMERS, "c2", customer("c2", "Bob", "na", "business"), T0)
          .pipe(CUSTOMERS, "c4", customer("c4", "Dan", "sa", "retail"), T0)
          .pipe(CUSTOMERS, "c5", customer("c5", "Eve", "apac", "retail"), T0)
          .pipe(RAW_ORDERS, "c1", order("o1", "c1", "2500", "EUR", "new"), 0)
          .pipe(RAW_ORDERS, "c2", order("o2", "c2", "150000", "USD", "new"), 0)
          .pipe(RAW_ORDERS, "c3", order("o3", "c3", "999", "EUR", "new"), 0)
          .pipe(RAW_ORDERS, "c1", order("o4", "c1", "2500", "EUR", "test"), 0)
          .pipe(RAW_ORDERS, "c1", order("o5", "c1", "\"lots\"", "EUR", "new"), 0)
          .pipe(RAW_ORDERS, "c4", order("o6", "c4", "1200", "BRL", "new"), 0)
          .pipe(RAW_ORDERS, "c5", order("o7", "c5", "500", "JPY", "new"), 0)
          .pipe(RAW_ORDERS, "c2", order("o8", "c2", "700", "EURO", "new"), 0)
          .pipe(RAW_ORDERS, "c2", order("o9", "c2", "0", "USD", "new"), 0)
          .pipe(RAW_ORDERS, "c2", order("o10", "c2", "300", "USD", "shipped"), 0);

      assertThat(pipeline.read("logistics.orders.eu"))
          .containsExactly(
              KeyValue.pair("c1", enriched("o1", "c1", 25.0, "EUR", "Ann", "eu", "retail")));
      assertThat(pipeline.read("logistics.orders.review"))
          .containsExactly(
              KeyValue.pair("o2", enriched("o2", "c2", 1500.0, "USD", "Bob", "na", "business")));
      assertThat(pipeline.read("logistics.orders.americas"))
          .containsExactly(
              KeyValue.pair("c4", enriched("o6", "c4", 12.0, "BRL", "Dan", "sa", "retail")),
              KeyValue.pair("c2", enriched("o10", "c2", 3.0, "USD", "Bob", "na", "business")));
      assertThat(pipeline.read("logistics.orders.other"))
          .containsExactly(
              KeyValue.pair("c3", enriched("o3", "c3", 9.99, "EUR", null, null, null)),
              KeyValue.pair("c5", enriched("o7", "c5", 5.0, "JPY", "Eve", "apac", "retail")));
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
  void machineHealthAlertsOnSlidingWindowsThatRunHotOrShake() {
    try (PipelineDriver pipeline = PipelineDriver.fromFile(Examples.pipeline("machine-health"))) {
      pipeline
          .pipe(MACHINES, "m1", machine("m1", "A", 80, 5), T0 - 60 * MINUTE)
          .pipe(MACHINES, "m2", machine("m2", "B", 90, 10), T0 - 60 * MINUTE)
          .pipe(READINGS, "m1", reading("m1", 70, 1, T0), 0)
          .pipe(READINGS, "m2", reading("m2", 50, 12, T0 + 5 * SECOND), 0)
          // m3 runs hot but has no limits: the join drops its windows.
          .pipe(READINGS, "m3", reading("m3", 200, 1, T0 + 10 * SECOND), 0)
          .pipe(READINGS, "m1", reading("m1", 100, 2, T0 + 20 * SECOND), 0)
          .pipe(READINGS, "m2", reading("m2", 50, 11, T0 + 25 * SECOND), 0)
          .pipe(READINGS, "m3", reading("m3", 200, 1, T0 + 30 * SECOND), 0)
          .pipe(READINGS, "m3", reading("m3", 200, 1, T0 + 35 * SECOND), 0)
          .pipe(READINGS, "m1", reading("m1", 85, 3, T0 + 40 * SECOND), 0)
          .pipe(READINGS, "m2", reading("m2", 50, 13, T0 + 45 * SECOND), 0)
          // Implausible: dropped before it is averaged.
          .pipe(READINGS, "m1", reading("m1", 600, 1, T0 + 45 * SECOND), 0);
      // No window has closed yet: the latest is ten seconds of grace behind stream time.
      assertThat(pipeline.read(ALERTS)).isEmpty();

      pipeline.pipe(READINGS, "m9", reading("m9", 20, 0, T0 + 5 * MINUTE), 0);

      // Of the sliding windows, only the ones with all three readings of a machine count; the
      // others hold one or two.
      assertThat(pipeline.read(ALERTS))
          .containsExactly(
              KeyValue.pair("m1", alert("m1", "A", "overheating", 85.0, 2.0, T0 - 20 * SECOND)),
              KeyValue.pair("m2", alert("m2", "B", "vibration", 50.0, 12.0, T0 - 15 * SECOND)));
      assertThat(pipeline.readDeadLetters()).isEmpty();
    }
  }

  private static String card(String cardId, double limit) {
    return "{\"cardId\":\""
        + cardId
        + "\",\"holder\":\"Ann\",\"limit\":"
        + limit
        + ",\"homeCountry\":\"DE\"}";
  }

  private static String transaction(String txId, String cardId, double amount, long ts) {
    return "{\"txId\":\""
        + txId
        + "\",\"cardId\":\""
        + cardId
        + "\",\"amount\":"
        + amount
        + ",\"merchant\":\"shop\",\"country\":\"DE\",\"ts\":"
        + ts
        + "}";
  }

  private static String customer(String id, String name, String region, String segment) {
    return "{\"customerId\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"region\":\""
        + region
        + "\",\"segment\":\""
        + segment
        + "\"}";
  }

  /** The enriched order; without a customer row, name, region and segment are null. */
  private static String enriched(
      String orderId,
      String customerId,
      double amount,
      String currency,
      String name,
      String region,
      String segment) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\""
        + customerId
        + "\",\"amount\":"
        + amount
        + ",\"currency\":\""
        + currency
        + "\",\"createdAt\":"
        + T0
        + ",\"customerName\":"
        + quoted(name)
        + ",\"region\":"
        + quoted(region)
        + ",\"segment\":"
        + quoted(segment)
        + "}";
  }

  private static String quoted(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }

  private static String order(
      String orderId, String customerId, String amountCents, String currency, String status) {
    return "{\"orderId\":\""
        + orderId
        + "\",\"customerId\":\""
        + customerId
        + "\",\"amountCents\":"
        + amountCents
        + ",\"currency\":\""
        + currency
        + "\",\"status\":\""
        + status
        + "\",\"createdAt\":\""
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
        + ",\"rpm\":1400,\"readAt\":"
        + readAt
        + "}";
  }

  /** An alert of a sliding one-minute window, which ends a minute after it starts. */
  private static String alert(
      String id,
      String line,
      String reason,
      double avgTemperature,
      double avgVibration,
      long start) {
    return "{\"machineId\":\""
        + id
        + "\",\"line\":\""
        + line
        + "\",\"reason\":\""
        + reason
        + "\",\"avgTemperature\":"
        + avgTemperature
        + ",\"avgVibration\":"
        + avgVibration
        + ",\"windowStart\":"
        + start
        + ",\"windowEnd\":"
        + (start + MINUTE)
        + "}";
  }
}
