package dev.tributary.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.localstack.kafka.KafkaBrokerExtension;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.testing.TestTopics;
import dev.tributary.worker.Examples;
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
import java.util.TreeMap;
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
 * each example's pipeline ({@code examples/<name>/pipeline.yaml}) against a real broker on
 * generated data, and the sink topics hold exactly what an independent model of the pipeline
 * computes from the same data. The test waits until the worker's group has consumed all of the
 * input, so outputs are compared whole.
 */
@ExtendWith(KafkaBrokerExtension.class)
class UseCasePipelinesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> VALUE =
      new TypeReference<>() {};
  private static final long MINUTE = 60_000;
  private static final List<String> ORDER_TOPICS =
      List.of(
          "logistics.orders.review",
          "logistics.orders.eu",
          "logistics.orders.americas",
          "logistics.orders.other");

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
            "logistics.orders.raw",
            3,
            "logistics.customers",
            3,
            "logistics.orders.review",
            1,
            "logistics.orders.eu",
            1,
            "logistics.orders.americas",
            1,
            "logistics.orders.other",
            1,
            "logistics.orders-etl.dead-letter",
            1));
    Random random = new Random(7);
    String[] regions = {"eu", "na", "sa", "apac"};
    String[] segments = {"retail", "business"};
    String[] currencies = {"EUR", "USD", "BRL", "JPY"};
    // Not three letters long: the pipeline drops them.
    String[] malformedCurrencies = {"EURO", "US", ""};
    String[] statuses = {"new", "paid", "shipped"};
    Map<String, String[]> customers = new HashMap<>();
    Map<String, List<Map.Entry<String, Map<String, Object>>>> expected = new HashMap<>();
    for (String topic : ORDER_TOPICS) {
      expected.put(topic, new ArrayList<>());
    }
    List<Map.Entry<String, Map<String, Object>>> deadLetters = new ArrayList<>();
    Inputs inputs;
    try (Inputs producer = inputs = new Inputs("logistics.customers")) {
      for (int c = 0; c < 40; c++) {
        String id = "c" + c;
        String[] customer = {
          "Customer " + c, regions[c % regions.length], segments[c % segments.length]
        };
        customers.put(id, customer);
        producer.send(
            new ProducerRecord<>(
                "logistics.customers",
                null,
                T0 - 60 * MINUTE,
                id,
                json(
                    Map.of(
                        "customerId",
                        id,
                        "name",
                        customer[0],
                        "region",
                        customer[1],
                        "segment",
                        customer[2]))));
      }
      for (int o = 0; o < 2_000; o++) {
        // Customers c40..c44 have no row: a left join keeps their orders with null details.
        String customerId = "c" + random.nextInt(45);
        long cents = random.nextInt(10) == 0 ? 0 : random.nextInt(200_000);
        String status = random.nextInt(10) == 0 ? "test" : statuses[random.nextInt(3)];
        String currency =
            random.nextInt(20) == 0
                ? malformedCurrencies[random.nextInt(malformedCurrencies.length)]
                : currencies[random.nextInt(currencies.length)];
        long createdAt = T0 + o * 100L;
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", "o" + o);
        order.put("customerId", customerId);
        // Now and then an amount that is not a number: the record is dead-lettered.
        boolean malformed = random.nextInt(100) == 0;
        order.put("amountCents", malformed ? "n/a" : cents);
        order.put("currency", currency);
        order.put("status", status);
        order.put("createdAt", createdAt);
        producer.send(new ProducerRecord<>("logistics.orders.raw", customerId, json(order)));
        if (malformed) {
          deadLetters.add(Map.entry(customerId, order));
          continue;
        }
        if (cents > 0 && !status.equals("test") && currency.length() == 3) {
          String[] customer = customers.get(customerId);
          double amount = cents / 100.0;
          String region = customer == null ? null : customer[1];
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("orderId", "o" + o);
          out.put("customerId", customerId);
          out.put("amount", amount);
          out.put("currency", currency);
          out.put("createdAt", createdAt);
          out.put("customerName", customer == null ? null : customer[0]);
          out.put("region", region);
          out.put("segment", customer == null ? null : customer[2]);
          if (amount > 1000.0) {
            // The review topic is keyed by order.
            expected.get("logistics.orders.review").add(Map.entry("o" + o, out));
          } else if ("eu".equals(region)) {
            expected.get("logistics.orders.eu").add(Map.entry(customerId, out));
          } else if ("na".equals(region) || "sa".equals(region)) {
            expected.get("logistics.orders.americas").add(Map.entry(customerId, out));
          } else {
            expected.get("logistics.orders.other").add(Map.entry(customerId, out));
          }
        }
      }
    }
    for (String topic : ORDER_TOPICS) {
      assertThat(expected.get(topic)).as("the generated data has orders for " + topic).isNotEmpty();
    }
    assertThat(deadLetters).as("the generated data has malformed orders").isNotEmpty();

    run(kafka, "orders-etl", "logistics", "logistics.orders-etl", inputs);

    for (String topic : ORDER_TOPICS) {
      assertThat(records(bootstrap, topic))
          .as(topic)
          .containsExactlyInAnyOrderElementsOf(normalize(expected.get(topic)));
    }
    assertThat(records(bootstrap, "logistics.orders-etl.dead-letter"))
        .containsExactlyInAnyOrderElementsOf(normalize(deadLetters));
  }

  @Test
  void cardFraudAlertsExactlyOnTheCardsThatOverspendInAMinute(KafkaBroker kafka) throws Exception {
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
    List<Map.Entry<String, Map<String, Object>>> expected = new ArrayList<>();
    Inputs inputs;
    try (Inputs producer = inputs = new Inputs("payments.cards")) {
      // Every card's transactions, to be written in time order as payments happen: a partition's
      // stream time is the latest it has seen, and a record older than a window's grace is late.
      List<Map.Entry<Long, ProducerRecord<String, String>>> transactions = new ArrayList<>();
      int tx = 0;
      for (int c = 0; c < 30; c++) {
        String card = "card-" + c;
        double limit = new double[] {100, 300, 1000}[c % 3];
        producer.send(
            new ProducerRecord<>(
                "payments.cards", null, T0 - 60 * MINUTE, card, cardRow(card, c, limit)));
        if (c % 4 == 0) {
          // Raised after every transaction of the card: the as-of join still uses the old limit.
          producer.send(
              new ProducerRecord<>(
                  "payments.cards", null, T0 + 30 * MINUTE, card, cardRow(card, c, 1_000_000)));
        }
        // Per one-minute window (aligned to the epoch, as T0 is): transactions and their sum.
        Map<Long, long[]> windows = new TreeMap<>();
        int count = 1 + random.nextInt(40);
        // A busy card pays every two seconds, up to thirty times a minute; a calm one every seven.
        long every = random.nextBoolean() ? 2_000 : 7_000;
        for (int i = 0; i < count; i++) {
          int amount = 1 + random.nextInt(40);
          long ts = T0 + i * every;
          String value =
              json(
                  Map.of(
                      "txId",
                      "tx" + tx,
                      "cardId",
                      card,
                      "amount",
                      (double) amount,
                      "merchant",
                      "m" + random.nextInt(5),
                      "country",
                      random.nextBoolean() ? "DE" : "FR",
                      "ts",
                      ts));
          ProducerRecord<String, String> payment =
              new ProducerRecord<>("payments.transactions", card, value);
          transactions.add(Map.entry(ts, payment));
          if (random.nextInt(5) == 0) {
            // A retried payment: the same transaction again, which deduplication drops.
            transactions.add(Map.entry(ts, payment));
          }
          tx++;
          long[] window = windows.computeIfAbsent(ts - ts % MINUTE, start -> new long[2]);
          window[0]++;
          window[1] += amount;
        }
        for (Map.Entry<Long, long[]> window : windows.entrySet()) {
          long made = window.getValue()[0];
          double spent = window.getValue()[1];
          if (spent > limit || made > 20) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("cardId", card);
            alert.put("spent", spent);
            alert.put("overLimitBy", spent - limit);
            alert.put("transactions", made);
            alert.put("windowStart", window.getKey());
            expected.add(Map.entry(card, alert));
          }
        }
      }
      // A stable sort: a retried payment stays right behind the first one.
      transactions.sort(Map.Entry.comparingByKey());
      transactions.forEach(payment -> producer.send(payment.getValue()));
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
    assertThat(expected)
        .as("the generated data has alerts of both kinds, over the limit and too many")
        .anySatisfy(alert -> assertThat((double) alert.getValue().get("overLimitBy")).isPositive())
        .anySatisfy(
            alert -> {
              assertThat((double) alert.getValue().get("overLimitBy")).isNotPositive();
              assertThat((long) alert.getValue().get("transactions")).isGreaterThan(20);
            })
        .anySatisfy(
            alert -> assertThat((long) alert.getValue().get("windowStart")).isGreaterThan(T0));

    run(kafka, "card-fraud", "payments", "payments.card-fraud", inputs);

    assertThat(records(bootstrap, "payments.fraud-alerts"))
        .containsExactlyInAnyOrderElementsOf(normalize(expected));
    assertThat(KafkaClients.readCommitted(bootstrap, "payments.card-fraud.dead-letter")).isEmpty();
  }

  @Test
  void machineHealthAlertsOnSlidingWindowsThatRunHotOrShake(KafkaBroker kafka) throws Exception {
    String bootstrap = kafka.bootstrapServers();
    TestTopics.create(
        bootstrap,
        Map.of(
            "logistics.sensor-readings",
            3,
            "logistics.machines",
            3,
            "logistics.maintenance-alerts",
            1,
            "logistics.machine-health.dead-letter",
            1));
    Random random = new Random(5);
    List<Map.Entry<String, Map<String, Object>>> expected = new ArrayList<>();
    // Machines m0..m11 have limits; m12 and m13 have none, and the inner join drops them.
    int machines = 14;
    int withLimits = 12;
    double maxTemperature = 80;
    double maxVibration = 5;
    long window = MINUTE;
    // A reading every 15 seconds per machine for 5 minutes, written in time order as sensors
    // report; an implausible temperature now and then is filtered out by the pipeline. Every
    // fourth machine runs warm, every fourth shakes. Whole numbers keep the averages exact in
    // any order of summing.
    int count = 20;
    long[][] readAt = new long[machines][count];
    double[][] temperature = new double[machines][count];
    double[][] vibration = new double[machines][count];
    for (int m = 0; m < machines; m++) {
      for (int i = 0; i < count; i++) {
        readAt[m][i] = T0 + i * 15_000L + m * 100L;
        temperature[m][i] =
            random.nextInt(10) == 0 ? 900 : (m % 4 == 1 ? 72 : 50) + random.nextInt(20);
        vibration[m][i] = m % 4 == 3 ? 3 + random.nextInt(5) : random.nextInt(4);
      }
    }
    Inputs inputs;
    try (Inputs producer = inputs = new Inputs("logistics.machines")) {
      for (int m = 0; m < withLimits; m++) {
        producer.send(
            new ProducerRecord<>(
                "logistics.machines",
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
      for (int i = 0; i < count; i++) {
        for (int m = 0; m < machines; m++) {
          producer.send(
              new ProducerRecord<>(
                  "logistics.sensor-readings",
                  "m" + m,
                  json(
                      Map.of(
                          "machineId",
                          "m" + m,
                          "temperature",
                          temperature[m][i],
                          "vibration",
                          vibration[m][i],
                          "rpm",
                          1_000 + random.nextInt(500),
                          "readAt",
                          readAt[m][i]))));
        }
      }
      for (int m = 0; m < withLimits; m++) {
        List<Integer> plausible = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          if (temperature[m][i] < 500) {
            plausible.add(i);
          }
        }
        // Sliding windows: one ending at each reading, and one starting just after each reading
        // (holding the readings that follow it); both ends are inclusive. Windows with the same
        // start are one window.
        Set<Long> starts = new TreeSet<>();
        for (int i : plausible) {
          starts.add(readAt[m][i] - window);
          starts.add(readAt[m][i] + 1);
        }
        for (long start : starts) {
          double temperatures = 0;
          double vibrations = 0;
          int readings = 0;
          for (int i : plausible) {
            if (readAt[m][i] >= start && readAt[m][i] <= start + window) {
              temperatures += temperature[m][i];
              vibrations += vibration[m][i];
              readings++;
            }
          }
          if (readings < 3) {
            continue;
          }
          double avgTemperature = temperatures / readings;
          double avgVibration = vibrations / readings;
          if (avgTemperature > maxTemperature || avgVibration > maxVibration) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("machineId", "m" + m);
            alert.put("line", "L" + (m % 2));
            alert.put("reason", avgTemperature > maxTemperature ? "overheating" : "vibration");
            alert.put("avgTemperature", avgTemperature);
            alert.put("avgVibration", avgVibration);
            alert.put("windowStart", start);
            alert.put("windowEnd", start + window);
            expected.add(Map.entry("m" + m, alert));
          }
        }
      }
      for (int p = 0; p < 3; p++) {
        producer.send(
            new ProducerRecord<>(
                "logistics.sensor-readings",
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
                        "rpm",
                        0,
                        "readAt",
                        T0 + 60 * MINUTE))));
      }
    }
    assertThat(expected)
        .as("the generated data has alerts of both kinds")
        .anySatisfy(alert -> assertThat(alert.getValue().get("reason")).isEqualTo("overheating"))
        .anySatisfy(alert -> assertThat(alert.getValue().get("reason")).isEqualTo("vibration"));

    run(kafka, "machine-health", "logistics", "logistics.machine-health", inputs);

    assertThat(records(bootstrap, "logistics.maintenance-alerts"))
        .containsExactlyInAnyOrderElementsOf(normalize(expected));
    assertThat(KafkaClients.readCommitted(bootstrap, "logistics.machine-health.dead-letter"))
        .isEmpty();
  }

  /**
   * Runs the example's pipeline ({@code examples/<example>/pipeline.yaml}) in a worker the way a
   * team brings a pipeline up: its tables exist first, the worker starts and loads them, then the
   * events come; the worker runs until its group has consumed every input record, and stops.
   */
  private void run(
      KafkaBroker kafka, String example, String team, String applicationId, Inputs inputs)
      throws Exception {
    String bootstrap = kafka.bootstrapServers();
    Path pipeline = work.resolve(applicationId + ".yaml");
    Files.copy(Examples.pipeline(example), pipeline);
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

  /** Key and value of every committed record of the topic; values read as JSON. */
  private static List<Map.Entry<String, Map<String, Object>>> records(
      String bootstrap, String topic) throws Exception {
    List<Map.Entry<String, Map<String, Object>>> records = new ArrayList<>();
    for (ConsumerRecord<String, String> r : KafkaClients.readCommitted(bootstrap, topic)) {
      records.add(Map.entry(r.key(), JSON.readValue(r.value(), VALUE)));
    }
    return records;
  }

  /** Expected values as the JSON reader sees them: whole numbers as ints, lists as lists. */
  private static List<Map.Entry<String, Map<String, Object>>> normalize(
      List<Map.Entry<String, Map<String, Object>>> records) throws Exception {
    List<Map.Entry<String, Map<String, Object>>> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> r : records) {
      out.add(Map.entry(r.getKey(), JSON.readValue(json(r.getValue()), VALUE)));
    }
    return out;
  }

  private static String cardRow(String card, int c, double limit) {
    return json(
        Map.of(
            "cardId",
            card,
            "holder",
            "Holder " + c,
            "limit",
            limit,
            "homeCountry",
            c % 2 == 0 ? "DE" : "FR"));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
