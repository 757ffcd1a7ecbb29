package dev.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.examples.generator.CardTransactions;
import dev.tributary.examples.generator.Message;
import dev.tributary.examples.generator.Orders;
import dev.tributary.examples.generator.SensorReadings;
import dev.tributary.runtime.kafka.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole platform, started as {@code ./tributary up} starts it (Kafka, PostgreSQL, Keycloak with
 * the realm, the control plane with the local deploy target), driven only through its API with the
 * demo users' tokens: the three examples run and write exactly what their input implies; lag,
 * throughput and state-store health show in the API and in Prometheus; a worker killed with SIGKILL
 * is restarted and the output stays exactly-once; scaling, updates and deletion do the real thing;
 * and the platform stops cleanly on SIGTERM, leaving no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration OUTPUT_TIMEOUT = Duration.ofMinutes(3);

  private static final String PAYMENTS_DEV = "payments-developer";
  private static final String LOGISTICS_DEV = "logistics-developer";

  private static Path dataDir;
  private static PlatformProcess platform;
  private static ApiClient api;
  private static KafkaIo kafka;
  private static long startedAt;

  /** How many records the routing topics of orders-etl hold so far. */
  private static int routedSoFar;

  /** The minute of event time the tests' windows use: twenty minutes ago, on the minute. */
  private static final long W =
      (System.currentTimeMillis() - Duration.ofMinutes(20).toMillis()) / 60_000 * 60_000;

  @BeforeAll
  static void startPlatform() throws Exception {
    dataDir = Files.createTempDirectory("tributary-platform-it-");
    startedAt = System.nanoTime();
    platform = PlatformProcess.start(dataDir, Duration.ofMinutes(8));
    System.out.printf(
        "[platform-it] platform ready in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
    api = new ApiClient(platform.api(), platform.tokenEndpoint());
    // The broker authenticates every client: the test's producers and readers use the admin
    // identity that `up` keeps in the data folder.
    kafka =
        new KafkaIo(
            KafkaConnection.of(
                    platform.bootstrapServers(),
                    Optional.of(dataDir.resolve("kafka").resolve("admin.properties")))
                .clientProperties("platform-it"));
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  // --- card fraud --------------------------------------------------------------------------

  @Test
  @Order(1)
  void cardFraudAlertsOnTheCardThatSpentBeyondItsLimitOnce() throws Exception {
    apply(Example.CARD_FRAUD, Example.CARD_FRAUD.document(), PAYMENTS_DEV);
    awaitTopics(CardTransactions.CARDS, CardTransactions.TRANSACTIONS, "payments.fraud-alerts");
    List<Message> cards = new ArrayList<>();
    cards.add(CardTransactions.card("card-9001", "Spender", 1000.0, "DE", W - 3_600_000));
    cards.add(CardTransactions.card("card-9002", "Saver", 5000.0, "DE", W - 3_600_000));
    List<String> tickCards = tickKeys("card-t", 3);
    tickCards.forEach(
        card -> cards.add(CardTransactions.card(card, "Tick", 1e9, "DE", W - 3_600_000)));
    kafka.send(cards);
    awaitPhase(Example.CARD_FRAUD, PAYMENTS_DEV, "Running");

    List<Message> transactions = new ArrayList<>();
    transactions.add(tx("tx-a1", "card-9001", 600, W + 5_000));
    transactions.add(tx("tx-a2", "card-9001", 600, W + 10_000));
    transactions.add(tx("tx-a3", "card-9001", 600, W + 15_000));
    transactions.add(tx("tx-a2", "card-9001", 600, W + 10_000)); // a retried duplicate
    transactions.add(tx("tx-b1", "card-9002", 100, W + 6_000));
    transactions.add(tx("tx-b2", "card-9002", 100, W + 7_000));
    kafka.send(transactions);
    // Stream time passes the window's end and grace on every partition; these windows stay open.
    List<Message> ticks = new ArrayList<>();
    for (String card : tickCards) {
      ticks.add(tx("tick-" + card, card, 1, W + 180_000));
    }
    kafka.send(ticks);

    List<ConsumerRecord<String, String>> alerts =
        kafka.readUntil(List.of("payments.fraud-alerts"), r -> !r.isEmpty(), OUTPUT_TIMEOUT);

    assertThat(alerts).hasSize(1);
    JsonNode alert = JSON.readTree(alerts.get(0).value());
    assertThat(alert.path("cardId").asText()).isEqualTo("card-9001");
    assertThat(alert.path("spent").asDouble()).isEqualTo(1800.0);
    assertThat(alert.path("overLimitBy").asDouble()).isEqualTo(800.0);
    assertThat(alert.path("transactions").asLong()).isEqualTo(3);
    assertThat(alert.path("windowStart").asLong()).isEqualTo(W);
  }

  // --- streaming ETL -----------------------------------------------------------------------

  @Test
  @Order(2)
  void ordersEtlCleansEnrichesAndRoutesEveryOrderToExactlyOneTopic() throws Exception {
    apply(Example.ORDERS_ETL, Example.ORDERS_ETL.document(), LOGISTICS_DEV);
    awaitTopics(Orders.CUSTOMERS, Orders.RAW_ORDERS, "logistics.orders.eu");
    kafka.send(customers());
    awaitPhase(Example.ORDERS_ETL, LOGISTICS_DEV, "Running");

    List<Message> orders = new ArrayList<>();
    Map<String, Set<String>> expected = emptyRoutes();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 40; i++) {
      String id = "order-" + i;
      int customer = i % 8;
      if (i % 10 == 0) {
        orders.add(Orders.order(id, customerId(customer), 0, "EUR", "placed", now));
      } else if (i % 10 == 1) {
        orders.add(Orders.order(id, customerId(customer), 2500, "EUR", "test", now));
      } else if (i % 10 == 2) {
        orders.add(Orders.order(id, customerId(customer), 150_000, "EUR", "placed", now));
        expected.get("logistics.orders.review").add(id);
      } else {
        orders.add(Orders.order(id, customerId(customer), 1_000 + i, "EUR", "placed", now));
        expected.get(routeOf(Orders.REGIONS[customer % 4])).add(id);
      }
    }
    orders.add(Orders.order("order-stranger", "cust-unknown", 4_200, "EUR", "placed", now));
    expected.get("logistics.orders.other").add("order-stranger");
    kafka.send(orders);

    int total = expected.values().stream().mapToInt(Set::size).sum();
    Map<String, List<String>> routed = readRoutes(total);
    routedSoFar = total;

    assertThat(routed.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (topic, ids) ->
            assertThat(routed.get(topic)).as(topic).containsExactlyInAnyOrderElementsOf(ids));
  }

  @Test
  @Order(3)
  void aWorkerKilledMidStreamIsRestartedAndTheOutputStaysExactlyOnce() throws Exception {
    JsonNode before = status(Example.ORDERS_ETL, LOGISTICS_DEV);
    int restartsBefore = restarts(before);
    List<Long> pids = workerPids(before);
    assertThat(pids).isNotEmpty();
    List<Message> batch = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 3_000; i++) {
      batch.add(Orders.order("bulk-" + i, customerId(i % 8), 1_000, "EUR", "placed", now + i));
    }
    AtomicReference<Exception> producerFailure = new AtomicReference<>();
    Thread producer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    for (int from = 0; from < batch.size(); from += 100) {
                      kafka.send(batch.subList(from, from + 100));
                      Thread.sleep(100);
                    }
                  } catch (Exception e) {
                    producerFailure.set(e);
                  }
                });
    Thread.sleep(1_500);
    ProcessHandle victim = ProcessHandle.of(pids.get(0)).orElseThrow();
    assertThat(new ProcessBuilder("kill", "-9", Long.toString(victim.pid())).start().waitFor())
        .isZero();
    producer.join();
    assertThat(producerFailure.get()).isNull();

    // The status tells what happened, and the pipeline runs again.
    await()
        .atMost(RUNNING_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode status = status(Example.ORDERS_ETL, LOGISTICS_DEV);
              assertThat(restarts(status)).isGreaterThan(restartsBefore);
              assertThat(status.toString()).contains("WorkerCrashed");
            });
    awaitPhase(Example.ORDERS_ETL, LOGISTICS_DEV, "Running");

    Map<String, List<String>> routed = readRoutes(routedSoFar + batch.size());
    routedSoFar += batch.size();
    List<String> bulk =
        routed.values().stream()
            .flatMap(List::stream)
            .filter(id -> id.startsWith("bulk-"))
            .toList();
    assertThat(bulk).hasSize(batch.size()).doesNotHaveDuplicates();
  }

  // --- predictive maintenance --------------------------------------------------------------

  @Test
  @Order(4)
  void machineHealthAlertsOnlyForTheMachineThatRunsHot() throws Exception {
    apply(Example.MACHINE_HEALTH, Example.MACHINE_HEALTH.document(), LOGISTICS_DEV);
    awaitTopics(SensorReadings.MACHINES, SensorReadings.READINGS, "logistics.maintenance-alerts");
    List<Message> machines = new ArrayList<>();
    machines.add(SensorReadings.machine("conveyor-90", "line-9", W - 3_600_000));
    machines.add(SensorReadings.machine("conveyor-91", "line-9", W - 3_600_000));
    List<String> tickMachines = tickKeys("conveyor-t", 3);
    tickMachines.forEach(m -> machines.add(SensorReadings.machine(m, "line-t", W - 3_600_000)));
    kafka.send(machines);
    awaitPhase(Example.MACHINE_HEALTH, LOGISTICS_DEV, "Running");

    List<Message> readings = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      readings.add(SensorReadings.reading("conveyor-90", 95.0, 2.0, 1500, W + s * 10_000L));
      readings.add(SensorReadings.reading("conveyor-91", 50.0, 2.0, 1500, W + s * 10_000L));
    }
    kafka.send(readings);
    List<Message> ticks = new ArrayList<>();
    for (String machine : tickMachines) {
      ticks.add(SensorReadings.reading(machine, 50.0, 1.0, 1500, W + 300_000));
    }
    kafka.send(ticks);

    List<ConsumerRecord<String, String>> alerts =
        kafka.readUntil(List.of("logistics.maintenance-alerts"), r -> !r.isEmpty(), OUTPUT_TIMEOUT);

    assertThat(alerts).isNotEmpty();
    for (ConsumerRecord<String, String> record : alerts) {
      JsonNode alert = JSON.readTree(record.value());
      assertThat(alert.path("machineId").asText()).isEqualTo("conveyor-90");
      assertThat(alert.path("reason").asText()).isEqualTo("overheating");
      assertThat(alert.path("avgTemperature").asDouble()).isEqualTo(95.0);
    }
  }

  // --- metrics and health ------------------------------------------------------------------

  @Test
  @Order(5)
  void lagThroughputAndStateHealthShowPerPipelinePerTeamAndPlatformWide() throws Exception {
    // Traffic, so that the 10-second samples see records flow in and out.
    List<Message> orders = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 600; i++) {
      orders.add(Orders.order("metrics-" + i, customerId(i % 8), 1_000, "EUR", "placed", now + i));
    }
    kafka.send(orders);

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(3))
        .untilAsserted(
            () -> {
              JsonNode status = status(Example.ORDERS_ETL, LOGISTICS_DEV);
              assertThat(status.path("lagRecords").isNumber()).as(status.toString()).isTrue();
              assertThat(status.path("recordsPerSecond").asDouble())
                  .as(status.toString())
                  .isPositive();
            });

    JsonNode fraud = status(Example.CARD_FRAUD, PAYMENTS_DEV);
    assertThat(fraud.path("stateStores").size()).as(fraud.toString()).isPositive();
    assertThat(fraud.path("lag").path("partitions").size()).as(fraud.toString()).isPositive();
    assertThat(fraud.path("workers").get(0).path("threads").size())
        .as(fraud.toString())
        .isPositive();

    JsonNode team = api.get(LOGISTICS_DEV, "/api/v1/teams/logistics/status").json();
    assertThat(team.path("pipelines").size()).as(team.toString()).isEqualTo(2);
    assertThat(team.path("lagRecords").isNumber()).as(team.toString()).isTrue();

    // No team sees another's pipelines.
    assertThat(
            api.get(PAYMENTS_DEV, "/api/v1/teams/logistics/pipelines/orders-etl/status").status())
        .isEqualTo(404);

    String metrics =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(platform.api() + "/q/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics.lines())
        .anyMatch(
            line ->
                line.startsWith("tributary_pipeline_lag_records{")
                    && line.contains("pipeline=\"orders-etl\"")
                    && line.contains("team=\"logistics\""));
    assertThat(metrics).contains("tributary_platform_records_in_per_second");

    JsonNode platformStatus = api.get("platform-viewer", "/api/v1/platform/status").json();
    assertThat(platformStatus.toString()).contains("payments").contains("logistics");
    assertThat(api.get(LOGISTICS_DEV, "/api/v1/platform/status").status()).isEqualTo(403);
  }

  // --- scaling and updates -----------------------------------------------------------------

  @Test
  @Order(6)
  void anUpdateScalesTheWorkersAndChangesTheRouting() throws Exception {
    String updated =
        Example.ORDERS_ETL
            .document()
            .replace("replicas: {min: 1, max: 2}", "replicas: {min: 2, max: 2}")
            .replace("when: amount > 1000.0", "when: amount > 500.0");
    assertThat(updated).isNotEqualTo(Example.ORDERS_ETL.document());
    ApiClient.Response response = api.apply(LOGISTICS_DEV, "logistics", "orders-etl", updated);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    int revision = Integer.parseInt(response.etag().replace("\"", ""));

    await()
        .atMost(RUNNING_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode status = status(Example.ORDERS_ETL, LOGISTICS_DEV);
              assertThat(status.path("deployedRevision").asInt())
                  .as(status.toString())
                  .isEqualTo(revision);
              assertThat(status.path("replicas").path("min").asInt()).isEqualTo(2);
              assertThat(status.path("replicas").path("desired").asInt()).isEqualTo(2);
              assertThat(status.path("replicas").path("ready").asInt()).isEqualTo(2);
              assertThat(status.path("phase").asText()).isEqualTo("Running");
            });
    assertThat(workerPids(status(Example.ORDERS_ETL, LOGISTICS_DEV))).hasSize(2);

    kafka.send(
        List.of(
            Orders.order(
                "order-600", customerId(0), 60_000, "EUR", "placed", System.currentTimeMillis())));
    List<ConsumerRecord<String, String>> review =
        kafka.readUntil(
            List.of("logistics.orders.review"),
            r -> r.stream().anyMatch(rec -> rec.value().contains("\"order-600\"")),
            OUTPUT_TIMEOUT);
    assertThat(review).anyMatch(rec -> rec.value().contains("\"order-600\""));
  }

  // --- deletion and stop -------------------------------------------------------------------

  @Test
  @Order(7)
  void deletingPipelinesStopsTheirWorkersAndRemovesTheirInternalTopics() throws Exception {
    List<Long> workers = new ArrayList<>();
    for (Example example : Example.values()) {
      workers.addAll(workerPids(status(example, developer(example))));
    }
    assertThat(workers).isNotEmpty();

    for (Example example : Example.values()) {
      ApiClient.Response deleted =
          api.delete(
              developer(example),
              "/api/v1/teams/" + example.team() + "/pipelines/" + example.pipeline());
      assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
      assertThat(api.get(developer(example), statusPath(example)).status()).isEqualTo(404);
    }

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(workers.stream().filter(pid -> ProcessHandle.of(pid).isPresent()))
                  .isEmpty();
              Set<String> topics = kafka.topics();
              for (Example example : Example.values()) {
                String internalPrefix = example.team() + "." + example.pipeline() + "-";
                assertThat(topics).noneMatch(topic -> topic.startsWith(internalPrefix));
              }
            });
    // The data stays: sources, tables and sinks belong to the team, not to one pipeline.
    assertThat(kafka.topics()).contains("payments.transactions", "logistics.orders.eu");
  }

  @Test
  @Order(8)
  void sigtermStopsEverythingAndLeavesNoProcessBehind() throws Exception {
    List<ProcessHandle> processes = platform.descendants();
    assertThat(processes).isNotEmpty();

    assertThat(platform.stop(Duration.ofMinutes(3))).isZero();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(processes).noneMatch(ProcessHandle::isAlive));
    assertThat(platform.output()).contains("Tributary: stopped");
    assertThat(dataDir.resolve("platform.pid")).doesNotExist();
  }

  // --- helpers ------------------------------------------------------------------------------

  private static void apply(Example example, String document, String user) {
    ApiClient.Response response = api.apply(user, example.team(), example.pipeline(), document);
    assertThat(response.status()).as(response.body()).isIn(200, 201);
  }

  private static String developer(Example example) {
    return example.team() + "-developer";
  }

  private static String statusPath(Example example) {
    return "/api/v1/teams/" + example.team() + "/pipelines/" + example.pipeline() + "/status";
  }

  private static JsonNode status(Example example, String user) {
    ApiClient.Response response = api.get(user, statusPath(example));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static void awaitPhase(Example example, String user, String phase) {
    long begin = System.nanoTime();
    await()
        .atMost(RUNNING_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonNode status = status(example, user);
              assertThat(status.path("phase").asText()).as(status.toString()).isEqualTo(phase);
            });
    System.out.printf(
        "[platform-it] %s %s after %.1f s (%.1f s since the platform's start)%n",
        example.pipeline(),
        phase,
        (System.nanoTime() - begin) / 1e9,
        (System.nanoTime() - startedAt) / 1e9);
  }

  private static void awaitTopics(String... topics) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(kafka.topics()).contains(topics));
  }

  private static int restarts(JsonNode status) {
    int restarts = status.path("restarts").asInt(0);
    for (JsonNode worker : status.path("workers")) {
      restarts = Math.max(restarts, worker.path("restarts").asInt(0));
    }
    return restarts;
  }

  private static List<Long> workerPids(JsonNode status) {
    List<Long> pids = new ArrayList<>();
    for (JsonNode worker : status.path("workers")) {
      if (worker.path("pid").isNumber()) {
        pids.add(worker.path("pid").asLong());
      }
    }
    return pids;
  }

  /** Keys whose records land on every one of the partitions, as Kafka's producer spreads them. */
  private static List<String> tickKeys(String prefix, int partitions) {
    List<String> keys = new ArrayList<>();
    Set<Integer> covered = new HashSet<>();
    for (int i = 0; covered.size() < partitions || keys.size() < 2 * partitions; i++) {
      String key = prefix + i;
      keys.add(key);
      covered.add(Utils.toPositive(Utils.murmur2(key.getBytes())) % partitions);
    }
    return keys;
  }

  private static Message tx(String txId, String card, double amount, long ts) {
    return CardTransactions.transaction(txId, card, amount, "shop", "DE", ts);
  }

  private static String customerId(int index) {
    return "cust-90%02d".formatted(index);
  }

  private static List<Message> customers() {
    List<Message> rows = new ArrayList<>();
    long ts = System.currentTimeMillis() - 3_600_000;
    for (int i = 0; i < 8; i++) {
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("customerId", customerId(i));
      row.put("name", "Customer " + i);
      row.put("region", Orders.REGIONS[i % 4]);
      row.put("segment", "consumer");
      try {
        rows.add(new Message(Orders.CUSTOMERS, customerId(i), JSON.writeValueAsString(row), ts));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return rows;
  }

  private static String routeOf(String region) {
    return switch (region) {
      case "eu" -> "logistics.orders.eu";
      case "na", "sa" -> "logistics.orders.americas";
      default -> "logistics.orders.other";
    };
  }

  private static Map<String, Set<String>> emptyRoutes() {
    Map<String, Set<String>> routes = new HashMap<>();
    for (String topic :
        List.of(
            "logistics.orders.review",
            "logistics.orders.eu",
            "logistics.orders.americas",
            "logistics.orders.other")) {
      routes.put(topic, new HashSet<>());
    }
    return routes;
  }

  /** The order ids in each routing topic, once {@code total} records have been read. */
  private static Map<String, List<String>> readRoutes(int total) {
    List<ConsumerRecord<String, String>> records =
        kafka.readUntil(emptyRoutes().keySet(), r -> r.size() >= total, OUTPUT_TIMEOUT);
    Map<String, List<String>> routed =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    ConsumerRecord::topic,
                    Collectors.mapping(PlatformIT::orderId, Collectors.toList())));
    emptyRoutes().keySet().forEach(topic -> routed.putIfAbsent(topic, new ArrayList<>()));
    return routed;
  }

  private static String orderId(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value()).path("orderId").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
