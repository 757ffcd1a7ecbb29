package dev.tributary.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.examples.generator.Generator;
import dev.tributary.examples.generator.Message;
import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.kafka.SendFailures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the examples against a running platform ({@code ./tributary up --examples} starts it): loads
 * each example's table, creates or updates its pipeline through the API as the team's developer,
 * then produces events at a steady rate until stopped, printing each pipeline's phase, lag and
 * throughput as the API reports them.
 */
public final class ExamplesMain {

  private static final String USAGE =
      "Usage: ExamplesMain --api URL --bootstrap-servers HOST:PORT [--client-properties FILE]"
          + " [--token-endpoint URL]"
          + " [--rate EVENTS_PER_SECOND] [--only card-fraud,orders-etl,machine-health]"
          + " [--started-at EPOCH_MS]";
  private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

  private ExamplesMain() {}

  public static void main(String[] args) throws InterruptedException {
    String api = null;
    String bootstrap = null;
    Path clientProperties = null;
    String tokenEndpoint = null;
    int rate = 20;
    long startedAt = System.currentTimeMillis();
    List<Example> examples = new ArrayList<>(List.of(Example.values()));
    Iterator<String> it = Arrays.asList(args).iterator();
    try {
      while (it.hasNext()) {
        String option = it.next();
        String value = it.hasNext() ? it.next() : null;
        if (value == null) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        switch (option) {
          case "--api" -> api = value;
          case "--bootstrap-servers" -> bootstrap = value;
          case "--client-properties" -> clientProperties = Path.of(value);
          case "--token-endpoint" -> tokenEndpoint = value;
          case "--rate" -> rate = Integer.parseInt(value);
          case "--started-at" -> startedAt = Long.parseLong(value);
          case "--only" ->
              examples =
                  Arrays.stream(value.split(",")).map(String::strip).map(Example::byName).toList();
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      if (api == null || bootstrap == null) {
        throw new IllegalArgumentException("--api and --bootstrap-servers are required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("examples: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    run(
        new ApiClient(api, tokenEndpoint),
        KafkaConnection.of(bootstrap, Optional.ofNullable(clientProperties)),
        examples,
        rate,
        startedAt);
  }

  static void run(
      ApiClient client, KafkaConnection kafka, List<Example> examples, int rate, long startedAt)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  main.interrupt();
                  try {
                    stopped.await(15, TimeUnit.SECONDS);
                  } catch (InterruptedException ignored) {
                    // exiting anyway
                  }
                }));
    try (KafkaProducer<String, String> producer = producer(kafka)) {
      Map<Example, Generator> generators = new EnumMap<>(Example.class);
      long now = System.currentTimeMillis();
      for (Example example : examples) {
        Generator generator = example.generator(now);
        generators.put(example, generator);
        ApiClient.Response response =
            client.apply(
                developer(example), example.team(), example.pipeline(), example.document());
        if (!response.ok()) {
          System.err.printf(
              "examples: %s/%s was refused (%d): %s%n",
              example.team(), example.pipeline(), response.status(), response.body());
          System.exit(1);
        }
        // The platform creates the topics with their planned partitions; the broker creates none
        // by itself, so wait for them before producing.
        List<Message> rows = generator.tableRows(now - Duration.ofHours(1).toMillis());
        Topics.await(kafka, example.inputTopics().toArray(String[]::new));
        // An hour old, so that as-of joins find the rows for every event.
        rows.forEach(row -> send(producer, row));
        producer.flush();
        SEND_FAILURES.check();
        System.out.printf(
            "examples: %s/%s applied (revision %s), %d table rows loaded%n",
            example.team(), example.pipeline(), response.etag(), rows.size());
      }
      produce(client, producer, generators, rate, startedAt);
    } catch (ApiClient.ApiException e) {
      if (Thread.currentThread().isInterrupted()) {
        System.out.println("examples: stopped");
        return;
      }
      System.err.println("examples: " + e.getMessage());
      System.exit(1);
    } catch (KafkaException e) {
      System.err.println("examples: " + e.getMessage());
      System.exit(1);
    } finally {
      stopped.countDown();
    }
  }

  /** Events at {@code rate} per second per example, until interrupted. */
  private static void produce(
      ApiClient client,
      KafkaProducer<String, String> producer,
      Map<Example, Generator> generators,
      int rate,
      long startedAt) {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
    long next = System.nanoTime();
    long nextReport = System.nanoTime();
    long nextCheck = System.nanoTime();
    Map<Example, String> phases = new EnumMap<>(Example.class);
    boolean allRunning = false;
    boolean anyRunning = false;
    while (!Thread.currentThread().isInterrupted()) {
      long now = System.currentTimeMillis();
      for (Generator generator : generators.values()) {
        send(producer, generator.next(now));
      }
      next += intervalNanos;
      if (System.nanoTime() >= nextCheck) {
        // Until every pipeline runs, look every two seconds and print what changed; then print
        // every pipeline every thirty seconds.
        boolean running = true;
        boolean print = allRunning || System.nanoTime() >= nextReport;
        List<String> lines = new ArrayList<>();
        for (Example example : generators.keySet()) {
          JsonNode status = client.get(developer(example), statusPath(example)).json();
          String phase = status == null ? "?" : status.path("phase").asText("?");
          running &= "Running".equals(phase);
          if ("Running".equals(phase) && !anyRunning) {
            anyRunning = true;
            System.out.printf(
                "examples: first pipeline Running (%s/%s) %.1f s after the start command%n",
                example.team(), example.pipeline(), (System.currentTimeMillis() - startedAt) / 1e3);
          }
          print |= !phase.equals(phases.put(example, phase));
          lines.add(describe(example, status));
        }
        if (running && !allRunning) {
          System.out.printf(
              "examples: all %d pipelines Running %.1f s after the start command%n",
              generators.size(), (System.currentTimeMillis() - startedAt) / 1e3);
        }
        allRunning = running;
        if (print) {
          lines.forEach(System.out::println);
          nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
        }
        nextCheck =
            System.nanoTime() + (allRunning ? REPORT_EVERY : Duration.ofSeconds(2)).toNanos();
      }
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(sleep);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String describe(Example example, JsonNode status) {
    if (status == null) {
      return "  %s/%s: no status".formatted(example.team(), example.pipeline());
    }
    return "  %-24s %-12s lag %-8s %-8s in %6s/s out %6s/s"
        .formatted(
            example.team() + "/" + example.pipeline(),
            status.path("phase").asText("?"),
            text(status.path("lag").path("totalRecords")),
            status.path("lag").path("status").asText(""),
            text(status.path("throughput").path("inRecordsPerSecond")),
            text(status.path("throughput").path("outRecordsPerSecond")));
  }

  private static String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "-";
    }
    return node.isFloatingPointNumber() ? "%.1f".formatted(node.asDouble()) : node.asText();
  }

  private static String statusPath(Example example) {
    return "/api/v1/teams/" + example.team() + "/pipelines/" + example.pipeline() + "/status";
  }

  static String developer(Example example) {
    return example.team() + "-developer";
  }

  /** Every send of the generators reports here; the first failure stops them with its cause. */
  private static final SendFailures SEND_FAILURES = new SendFailures();

  private static void send(KafkaProducer<String, String> producer, Message message) {
    SEND_FAILURES.check();
    producer.send(
        new ProducerRecord<>(
            message.topic(), null, message.timestamp(), message.key(), message.value()),
        SEND_FAILURES);
  }

  private static KafkaProducer<String, String> producer(KafkaConnection kafka) {
    Properties config = new Properties();
    config.putAll(kafka.clientProperties("tributary-examples"));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }
}
