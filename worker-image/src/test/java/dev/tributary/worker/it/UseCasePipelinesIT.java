package dev.tributary.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three use cases (orders ETL, card fraud, machine health), end to end: the worker jar runs
 * each pipeline against a real broker on generated data, and the sink topics hold exactly what an
 * independent model of the pipeline computes from the same data. The test waits until the worker's
 * group has consumed all of the input, so outputs are compared whole.
 */
@ExtendWith(KafkaBrokerExtension.class)
class UseCasePipelinesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MINUTE = 60_000;

  /** Windows are aligned to the epoch; two hours back keeps every record inside retention. */
  private static final long T0 =
      (System.currentTimeMillis() - 120 * MINUTE) / (5 * MINUTE) * (5 * MINUTE);

  @TempDir Path work;

  @Test
  void ordersEtlRoutesEveryCleanedEnrichedOrderToExactlyOneTopic(KafkaBroker kafka)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    TestTopics.create(
        bootstrap,
        Map.of(
            "shop.orders.raw",
            3,
            "shop.customers",
            3,
            "shop.orders.review",
            1,
            "shop.orders.eu",
            1,
            "shop.orders.other",
            1,
            "shop.orders-etl.rejected",
            1));
    Random random = new Random(7);
    String[] regions = {"eu", "na", "apac"};
    Map<String, String[]> customers = new HashMap<>();
    Map<String, List<Map<String, Object>>> expected = new HashMap<>();
    for (String topic : List.of("shop.orders.review", "shop.orders.eu", "shop.orders.other")) {
      expected.put(topic, new ArrayList<>());
    }
    Inputs inputs;
    try (Inputs producer = inputs = new Inputs("shop.customers")) {
      for (int c = 0; c < 40; c++) {
        String id = "c" + c;
        String[] customer = {"Customer " + c, regions[c % regions.length]};
        customers.put(id, customer);
        producer.send(
            new ProducerRecord<>(
                "shop.customers",
                null,
                T0 - 60 * MINUTE,
                id,
                json(Map.of("customerId", id, "name", customer[0], "region", customer[1]))));
      }
      for (int o = 0; o < 2_000; o++) {
        // Customers c40..c44 have no row: a left join keeps their orders with null details.
        String customerId = "c" + random.nextInt(45);
        long cents = random.nextInt(10) == 0 ? 0 : random.nextInt(200_000);
        String status = random.nextInt(10) == 0 ? "test" : "new";
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add("sku-" + random.nextInt(100));
        }
        long createdAt = T0 + o * 100L;
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", "o" + o);
        order.put("customerId", customerId);
        order.put("amountCents", cents);
        order.put("status", status);
        order.put("items", items);
        order.put("createdAt", createdAt);
        producer.send(new ProducerRecord<>("shop.orders.raw", customerId, json(order)));
        if (cents > 0 && !status.equals("test")) {
          String[] customer = customers.get(customerId);
          double amount = cents / 100.0;
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("orderId", "o" + o);
          out.put("customerId", customerId);
          out.put("customerName", customer == null ? null : customer[0]);
          out.put("region", customer == null ? null : customer[1]);
          out.put("amount", amount);
          out.put("itemCount", items.size());
          out.put("createdAt", createdAt);
          String topic =
              amount > 1000.0
                  ? "shop.orders.review"
                  : customer != null && customer[1].equals("eu")
                      ? "shop.orders.eu"
                      : "shop.orders.other";
          expected.get(topic).add(out);
        }
      }
    }

    run(kafka, "/pipelines/orders-etl.yaml", "shop", "shop.orders-etl", inputs);

    for (Map.Entry<String, List<Map<String, Object>>> topic : expected.entrySet()) {
      assertThat(values(bootstrap, topic.getKey()))
          .as(topic.getKey())
          .containsExactlyInAnyOrderElementsOf(normalize(topic.getValue()));
    }
    assertThat(KafkaClients.readCommitted(bootstrap, "shop.orders-etl.rejected")).isEmpty();
  }

  @Test
  void cardFraudAlertsExactlyOnTheCardsThatOverspendInAWindow(KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    TestTopics.create(
        bootstrap,
        Map.of(
            "payments.transactions",
            3,
            "payments.cards",
            3,
            "payments.fraud-alerts",
            1,
            "payments.card-fraud.dead-letter",
            1));
    Random random = new Random(11);
    List<Map<String, Object>> expected = new ArrayList<>();
    Inputs inputs;
    try (Inputs producer = inputs = new Inputs("payments.cards")) {
      int tx = 0;
      for (int c = 0; c < 30; c++) {
        String card = "card-" + c;
        double limit = new double[] {100, 300, 600}[c % 3];
        producer.send(
            new ProducerRecord<>(
                "payments.cards",
                null,
                T0 - 60 * MINUTE,
                card,
                json(Map.of("cardId", card, "holder", "Holder " + c, "limit", limit))));
        double spent = 0;
        List<String> countries = new ArrayList<>();
        int count = 1 + random.nextInt(25);
        for (int i = 0; i < count; i++) {
          double amount = 5 + random.nextInt(40);
          String country = random.nextBoolean() ? "DE" : "FR";
          long ts = T0 + i * 10_000L;
          String value =
              json(
                  Map.of(
                      "txId",
                      "tx" + tx,
                      "cardId",
                      card,
                      "amount",
                      amount,
                      "merchant",
                      "m",
                      "country",
                      country,
                      "ts",
                      ts));
          producer.send(new ProducerRecord<>("payments.transactions", card, value));
          if (random.nextInt(5) == 0) {
            // A retried payment: the same transaction again, which deduplication drops.
            producer.send(new ProducerRecord<>("payments.transactions", card, value));
          }
          tx++;
          spent += amount;
          countries.add(country);
        }
        if (spent > limit || count > 20) {
          Map<String, Object> alert = new LinkedHashMap<>();
          alert.put("cardId", card);
          alert.put("spent", spent);
          alert.put("overLimitBy", spent - limit);
          alert.put("transactions", count);
          alert.put("countries", countries);
          alert.put("windowStart", T0);
          expected.add(alert);
        }
      }
      // Stream time moves per partition: one late-enough record in each closes the windows.
      for (int p = 0; p < 3; p++) {
        producer.send(
            new ProducerRecord<>(
                "payments.transactions",
                p,
                null,
                "tick-" + p,
                json(
                    Map.of(
                        "txId",
                        "tick-" + p,
                        "cardId",
                        "tick-" + p,
                        "amount",
                        0.0,
                        "merchant",
                        "m",
                        "country",
                        "DE",
                        "ts",
                        T0 + 60 * MINUTE))));
      }
    }
    assertThat(expected).as("the generated data has alerts to find").isNotEmpty();

    run(kafka, "/pipelines/card-fraud.yaml", "payments", "payments.card-fraud", inputs);

    assertThat(values(bootstrap, "payments.fraud-alerts"))
        .containsExactlyInAnyOrderElementsOf(normalize(expected));
  }

  @Test
  void machineHealthAlertsOnHoppingWindowsThatRunHotOrShake(KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    TestTopics.create(
        bootstrap,
        Map.of(
            "factory.sensor-readings",
            2,
            "factory.machines",
            2,
            "factory.maintenance-alerts",
            1,
            "factory.machine-health.dead-letter",
            1));
    Random random = new Random(5);
    List<Map<String, Object>> expected = new ArrayList<>();
    int machines = 12;
    double maxTemperature = 80;
    double maxVibration = 5;
    // One reading a minute per machine for 10 minutes, written in time order as sensors report;
    // an implausible temperature now and then is filtered out by the pipeline.
    double[][][] readings = new double[machines][10][];
    for (int m = 0; m < machines; m++) {
      for (int i = 0; i < 10; i++) {
        readings[m][i] =
            new double[] {
              T0 + i * MINUTE,
              random.nextInt(10) == 0 ? 900 : 60 + random.nextInt(40),
              random.nextInt(8)
            };
      }
    }
    Inputs inputs;
    try (Inputs producer = inputs = new Inputs("factory.machines")) {
      for (int m = 0; m < machines; m++) {
        producer.send(
            new ProducerRecord<>(
                "factory.machines",
                null,
                T0 - 60 * MINUTE,
                "m" + m,
                json(
                    Map.of(
                        "machineId",
                        "m" + m,
                        "line",
                        "L" + (m % 2),
                        "maxTemperature",
                        maxTemperature,
                        "maxVibration",
                        maxVibration))));
      }
      for (int i = 0; i < 10; i++) {
        for (int m = 0; m < machines; m++) {
          double[] r = readings[m][i];
          producer.send(
              new ProducerRecord<>(
                  "factory.sensor-readings",
                  "m" + m,
                  json(
                      Map.of(
                          "machineId",
                          "m" + m,
                          "temperature",
                          r[1],
                          "vibration",
                          r[2],
                          "readAt",
                          (long) r[0]))));
        }
      }
      for (int m = 0; m < machines; m++) {
        // Hopping windows of 10 minutes every 5 minutes: each reading is in two windows.
        for (long start = T0 - 5 * MINUTE; start <= T0 + 5 * MINUTE; start += 5 * MINUTE) {
          double sum = 0;
          double peak = Double.NEGATIVE_INFINITY;
          int count = 0;
          for (double[] r : readings[m]) {
            if (r[1] < 500 && r[0] >= start && r[0] < start + 10 * MINUTE) {
              sum += r[1];
              peak = Math.max(peak, r[2]);
              count++;
            }
          }
          if (count == 0) {
            continue;
          }
          double avg = sum / count;
          if (avg > maxTemperature || peak > maxVibration) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("machineId", "m" + m);
            alert.put("line", "L" + (m % 2));
            alert.put("reason", avg > maxTemperature ? "overheating" : "vibration");
            alert.put("avgTemperature", avg);
            alert.put("peakVibration", peak);
            alert.put("windowStart", start);
            alert.put("windowEnd", start + 10 * MINUTE);
            expected.add(alert);
          }
        }
      }
      for (int p = 0; p < 2; p++) {
        producer.send(
            new ProducerRecord<>(
                "factory.sensor-readings",
                p,
                null,
                "tick-" + p,
                json(
                    Map.of(
                        "machineId",
                        "tick-" + p,
                        "temperature",
                        20.0,
                        "vibration",
                        0.0,
                        "readAt",
                        T0 + 60 * MINUTE))));
      }
    }
    assertThat(expected).as("the generated data has alerts to find").isNotEmpty();

    run(kafka, "/pipelines/machine-health.yaml", "factory", "factory.machine-health", inputs);

    assertThat(values(bootstrap, "factory.maintenance-alerts"))
        .containsExactlyInAnyOrderElementsOf(normalize(expected));
  }

  /**
   * Runs the pipeline's worker the way a team brings a pipeline up: its tables exist first, the
   * worker starts and loads them, then the events come; the worker runs until its group has
   * consumed every input record, and stops.
   */
  private void run(
      KafkaBroker kafka, String resource, String team, String applicationId, Inputs inputs)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    Path pipeline = work.resolve(applicationId + ".yaml");
    Files.copy(getClass().getResourceAsStream(resource), pipeline);
    inputs.produceTables(bootstrap);
    try (WorkerProcess worker =
            WorkerProcess.start(
                pipeline,
                bootstrap,
                work.resolve(applicationId + "-state"),
                work.resolve(applicationId + ".log"),
                Map.of("TRIBUTARY_TEAM", team));
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      try {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> consumedEverything(admin, applicationId, inputs.tableTopics()));
        inputs.produceStreams(bootstrap);
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> consumedEverything(admin, applicationId, inputs.topics()));
        assertThat(worker.stop()).as("exit code after SIGTERM").isZero();
      } catch (Throwable t) {
        System.err.println(worker.log());
        throw t;
      }
    }
  }

  /** The generated input of one test: table rows and events, written in that order. */
  private static final class Inputs implements AutoCloseable {
    private final Set<String> tableTopics;
    private final List<ProducerRecord<String, String>> tables = new ArrayList<>();
    private final List<ProducerRecord<String, String>> streams = new ArrayList<>();

    Inputs(String... tableTopics) {
      this.tableTopics = Set.of(tableTopics);
    }

    void send(ProducerRecord<String, String> record) {
      (tableTopics.contains(record.topic()) ? tables : streams).add(record);
    }

    List<String> tableTopics() {
      return List.copyOf(tableTopics);
    }

    List<String> topics() {
      Set<String> topics = new TreeSet<>(tableTopics);
      streams.forEach(r -> topics.add(r.topic()));
      return List.copyOf(topics);
    }

    void produceTables(String bootstrap) {
      produce(bootstrap, tables);
    }

    void produceStreams(String bootstrap) {
      produce(bootstrap, streams);
    }

    private static void produce(String bootstrap, List<ProducerRecord<String, String>> records) {
      try (CheckedProducer producer = new CheckedProducer(bootstrap)) {
        records.forEach(producer::send);
      }
    }

    @Override
    public void close() {}
  }

  private static boolean consumedEverything(Admin admin, String group, List<String> inputs)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String topic : inputs) {
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    }
    var ends = admin.listOffsets(latest).all().get();
    return ends.entrySet().stream()
        .allMatch(
            e ->
                e.getValue().offset() == 0
                    || (committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset()));
  }

  private static List<Map<String, Object>> values(String bootstrap, String topic) throws Exception {
    List<Map<String, Object>> values = new ArrayList<>();
    for (ConsumerRecord<String, String> r : KafkaClients.readCommitted(bootstrap, topic)) {
      values.add(JSON.readValue(r.value(), new TypeReference<LinkedHashMap<String, Object>>() {}));
    }
    return values;
  }

  /** Expected values as the JSON reader sees them: whole numbers as ints, lists as lists. */
  private static List<Map<String, Object>> normalize(List<Map<String, Object>> values)
      throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> v : values) {
      out.add(JSON.readValue(json(v), new TypeReference<LinkedHashMap<String, Object>>() {}));
    }
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
