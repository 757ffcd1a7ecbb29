package dev.tributary.benchmarks.contender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.benchmarks.Guarantee;
import dev.tributary.benchmarks.Scenario;
import dev.tributary.benchmarks.data.Topics;
import dev.tributary.benchmarks.data.TransactionData;
import dev.tributary.benchmarks.measure.Expectation;
import dev.tributary.worker.topology.TopologyCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * The benchmark compares contenders only if they do the same work: on the same transactions, the
 * worker's compiled pipeline, the hand-written app and (where it does the work) the raw loop write
 * the same records, and as many as the benchmark expects.
 *
 * <p>The test driver commits, and so flushes every RocksDB store, after each record: stateful
 * scenarios get a short prefix of the data, the cards it refers to, and a state directory in memory
 * where there is one, which keeps the build fast.
 */
class ContendersComputeTheSameTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_MILLIS = 1_735_689_600_000L;
  private static final TransactionData DATA = TransactionData.generate(2_000, START_MILLIS);
  private static final int STATEFUL_RECORDS = 200;

  @TempDir(factory = InMemoryWhereAvailable.class)
  Path stateDir;

  @Test
  void workerAndHandWrittenAppFilterAndProjectAlike() {
    Run run = run(Scenario.FILTER_SELECT);

    List<Output> worker = outputs(workerTopology(run), run);
    List<Output> handWritten = outputs(Launcher.handWritten(run), run);

    assertThat(worker).hasSize((int) DATA.passingFilter(DATA.count())).isEqualTo(handWritten);
  }

  @Test
  void rawLoopFiltersAndProjectsLikeTheHandWrittenApp() {
    Run run = run(Scenario.FILTER_SELECT);
    UnaryOperator<byte[]> raw = Launcher.rawTransform(Scenario.FILTER_SELECT);

    List<Output> rawOutputs = new ArrayList<>();
    for (int i = 0; i < DATA.count(); i++) {
      byte[] value = raw.apply(DATA.value(i));
      if (value != null) {
        rawOutputs.add(
            new Output(
                new String(DATA.key(i), StandardCharsets.UTF_8), tree(value), DATA.timestamp(i)));
      }
    }

    assertThat(rawOutputs).isEqualTo(outputs(Launcher.handWritten(run), run));
  }

  @Test
  void workerAndHandWrittenAppCountAndSumEveryWindowAlike() {
    Run run = run(Scenario.WINDOWED_TOTALS);

    List<Output> worker = outputs(workerTopology(run), run);
    List<Output> handWritten = outputs(Launcher.handWritten(run), run);

    assertThat(worker).hasSizeGreaterThan(STATEFUL_RECORDS / 2).isEqualTo(handWritten);
    long counted =
        worker.stream()
            .collect(
                Collectors.toMap(
                    o -> o.key() + "@" + o.value().get("windowStart").asLong(),
                    o -> o.value().get("transactions").asLong(),
                    (earlier, later) -> later))
            .values()
            .stream()
            .mapToLong(Long::longValue)
            .sum();
    assertThat(counted).isEqualTo(STATEFUL_RECORDS);
  }

  @Test
  void workerAndHandWrittenAppEnrichAlike() {
    Run run = run(Scenario.CARD_ENRICHMENT);

    List<Output> worker = outputs(workerTopology(run), run);
    List<Output> handWritten = outputs(Launcher.handWritten(run), run);

    assertThat(worker).hasSize((int) DATA.joining(STATEFUL_RECORDS)).isEqualTo(handWritten);
    assertThat(worker.getFirst().value().fieldNames())
        .toIterable()
        .containsExactly(
            "txId", "cardId", "amount", "merchant", "country", "holder", "tier", "abroad");
  }

  @Test
  void expectedOutputCountsFollowTheDataCycle() {
    long sent = 3L * DATA.count() + 150;

    Expectation copy =
        Expectation.of(Scenario.CARD_ENRICHMENT, Contender.Kind.RAW, DATA, sent, false);
    Expectation joined =
        Expectation.of(Scenario.CARD_ENRICHMENT, Contender.Kind.WORKER, DATA, sent, false);

    assertThat(copy.records()).isEqualTo(sent);
    assertThat(joined.records()).isEqualTo(3 * DATA.joining(DATA.count()) + DATA.joining(150));
    assertThat(DATA.joining(DATA.count()))
        .isBetween(DATA.count() * 85L / 100, DATA.count() * 95L / 100);
  }

  private static Run run(Scenario scenario) {
    return new Run(scenario.id() + "-test", scenario, Topics.TRANSACTIONS, Guarantee.EXACTLY_ONCE);
  }

  private static Topology workerTopology(Run run) {
    return TopologyCompiler.compile(BenchmarkPipeline.forRun(run));
  }

  private List<Output> outputs(Topology topology, Run run) {
    int records = run.scenario() == Scenario.FILTER_SELECT ? DATA.count() : STATEFUL_RECORDS;
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, run.applicationId());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      if (run.scenario().readsTable()) {
        TestInputTopic<byte[], byte[]> cards =
            driver.createInputTopic(
                Topics.CARDS, new ByteArraySerializer(), new ByteArraySerializer());
        Set<String> referenced = new HashSet<>();
        for (int i = 0; i < records; i++) {
          referenced.add(new String(DATA.key(i), StandardCharsets.UTF_8));
        }
        DATA.cards().stream()
            .filter(card -> referenced.contains(new String(card.key(), StandardCharsets.UTF_8)))
            .forEach(card -> cards.pipeInput(card.key(), card.value(), card.timestamp()));
      }
      TestInputTopic<byte[], byte[]> transactions =
          driver.createInputTopic(
              run.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < records; i++) {
        transactions.pipeInput(DATA.key(i), DATA.value(i), DATA.timestamp(i));
      }
      TestOutputTopic<byte[], byte[]> output =
          driver.createOutputTopic(
              run.outputTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<Output> outputs = new ArrayList<>();
      for (TestRecord<byte[], byte[]> record : output.readRecordsToList()) {
        outputs.add(
            new Output(
                new String(record.key(), StandardCharsets.UTF_8),
                tree(record.value()),
                record.timestamp()));
      }
      return outputs;
    }
  }

  private static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A temporary directory on tmpfs, where syncing a flushed store costs nothing. */
  static final class InMemoryWhereAvailable implements TempDirFactory {

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension)
        throws IOException {
      return Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
          ? Files.createTempDirectory(SHARED_MEMORY, "tributary-benchmarks-test-")
          : Files.createTempDirectory("tributary-benchmarks-test-");
    }
  }

  /** An output record with its value as a JSON tree, so that field order does not matter. */
  private record Output(String key, JsonNode value, long timestamp) {}
}
