package dev.tributary.localruntime.benchmark;

import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.runtime.metrics.OffsetReader;
import dev.tributary.runtime.metrics.OffsetSnapshot;
import dev.tributary.runtime.testing.CheckedProducer;
import dev.tributary.runtime.topic.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How long one lag collection takes with 10, 100 and 1,000 consumer groups: the local runtime's
 * batched {@link OffsetReader} against {@link PerGroupOffsetReader}, a reader that asks about one
 * group at a time. Each group is a pipeline reading one 4-partition topic (up to 100 topics, shared
 * round-robin), with committed offsets behind the topic's end. Prints a Markdown table.
 *
 * <pre>
 * local-runtime/run-lag-benchmark.sh [bootstrap servers] [group counts…]
 * </pre>
 *
 * Without bootstrap servers (or with {@code -}) it starts its own broker.
 */
public final class LagCollectionBenchmark {

  private static final int PARTITIONS = 4;
  private static final int MAX_TOPICS = 100;
  private static final int RECORDS_PER_PARTITION = 100;
  private static final int WARMUP = 2;
  private static final int RUNS = 7;

  private LagCollectionBenchmark() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args.length > 0 && !args[0].equals("-") ? args[0] : null;
    int[] groupCounts =
        args.length > 1
            ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {10, 100, 1_000};
    KafkaBroker broker = bootstrap == null ? KafkaBroker.start() : null;
    String servers = bootstrap == null ? broker.bootstrapServers() : bootstrap;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
      int topics = Math.min(MAX_TOPICS, Arrays.stream(groupCounts).max().orElse(10));
      createTopics(admin, servers, topics);
      OffsetReader batched = new OffsetReader(admin, Duration.ofSeconds(60));
      PerGroupOffsetReader perGroup = new PerGroupOffsetReader(admin);
      System.out.println(
          "| groups | partitions | batched: median (min–max) | per group: median (min–max) | Admin calls batched / per group |");
      System.out.println("|---:|---:|---:|---:|---:|");
      int created = 0;
      for (int groups : groupCounts) {
        created = createGroups(admin, created, groups, topics);
        Map<String, Set<String>> inputs = new LinkedHashMap<>();
        for (int g = 0; g < groups; g++) {
          inputs.put(group(g), Set.of(topic(g % topics)));
        }
        List<Long> batchedMillis = new ArrayList<>();
        List<Long> perGroupMillis = new ArrayList<>();
        OffsetSnapshot a = null;
        OffsetSnapshot b = null;
        for (int run = 0; run < WARMUP + RUNS; run++) {
          long start = System.nanoTime();
          a = batched.read(inputs, Set.of());
          long middle = System.nanoTime();
          b = perGroup.read(inputs);
          long end = System.nanoTime();
          if (run >= WARMUP) {
            batchedMillis.add((middle - start) / 1_000_000);
            perGroupMillis.add((end - middle) / 1_000_000);
          }
        }
        if (!a.committedByGroup().equals(b.committedByGroup()) || !a.problems().isEmpty()) {
          throw new IllegalStateException("the readers disagree: " + a.problems());
        }
        System.out.printf(
            "| %,d | %,d | %s | %s | 4 / %,d |%n",
            groups,
            groups * PARTITIONS,
            summary(batchedMillis),
            summary(perGroupMillis),
            4 * groups);
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private static void createTopics(Admin admin, String servers, int topics)
      throws ExecutionException, InterruptedException {
    List<NewTopic> newTopics = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      newTopics.add(new NewTopic(topic(t), PARTITIONS, (short) 1));
    }
    Set<String> existing = admin.listTopics().names().get();
    newTopics.removeIf(t -> existing.contains(t.name()));
    if (!newTopics.isEmpty()) {
      admin.createTopics(newTopics).all().get();
    }
    Map<String, Integer> partitions = new HashMap<>();
    newTopics.forEach(t -> partitions.put(t.name(), PARTITIONS));
    PartitionLeaders.require(admin, partitions, Duration.ofSeconds(30));
    try (CheckedProducer producer = new CheckedProducer(servers)) {
      for (int t = 0; t < topics; t++) {
        for (int p = 0; p < PARTITIONS; p++) {
          for (int r = 0; r < RECORDS_PER_PARTITION; r++) {
            producer.send(new ProducerRecord<>(topic(t), p, "k", "v"));
          }
        }
      }
    }
  }

  /** Groups exist once they have committed offsets: half way through their topic. */
  private static int createGroups(Admin admin, int from, int to, int topics)
      throws ExecutionException, InterruptedException {
    List<KafkaFuture<Void>> commits = new ArrayList<>();
    for (int g = from; g < to; g++) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        offsets.put(
            new TopicPartition(topic(g % topics), p),
            new OffsetAndMetadata(RECORDS_PER_PARTITION / 2));
      }
      commits.add(admin.alterConsumerGroupOffsets(group(g), offsets).all());
    }
    KafkaFuture.allOf(commits.toArray(KafkaFuture[]::new)).get();
    return Math.max(from, to);
  }

  private static String summary(List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    return sorted.get(sorted.size() / 2)
        + " ms ("
        + sorted.get(0)
        + "–"
        + sorted.get(sorted.size() - 1)
        + ")";
  }

  private static String topic(int t) {
    return "bench.lag-" + t;
  }

  private static String group(int g) {
    return "bench.lag-group-" + g;
  }
}
