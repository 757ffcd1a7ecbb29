package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.Scenario;
import dev.tributary.benchmarks.data.Topics;
import dev.tributary.benchmarks.handwritten.HandWrittenTopologies;
import dev.tributary.benchmarks.handwritten.JsonSerde;
import dev.tributary.benchmarks.handwritten.Payment;
import dev.tributary.benchmarks.handwritten.Transaction;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.config.StreamsSettings;
import dev.tributary.worker.deadletter.DeadLetterCounter;
import dev.tributary.worker.topology.TopologyCompiler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.Topology;

/**
 * Starts contenders. The hand-written app and the worker run with the same Kafka Streams
 * configuration: both take {@link StreamsSettings}' properties for the run's pipeline, which differ
 * only in the application id, since each run has its own name.
 */
public final class Launcher {

  private final String bootstrapServers;
  private final Path stateRoot;

  public Launcher(String bootstrapServers, Path stateRoot) {
    this.bootstrapServers = bootstrapServers;
    this.stateRoot = stateRoot;
  }

  public RunningContender start(Contender.Kind kind, Run run) {
    return switch (kind) {
      case RAW -> RawLoop.start(bootstrapServers, run, rawTransform(run.scenario()));
      case HAND_WRITTEN ->
          StreamsApp.start(handWritten(run), streamsConfig(BenchmarkPipeline.forRun(run)), () -> 0);
      case WORKER -> {
        ValidatedPipeline pipeline = BenchmarkPipeline.forRun(run);
        DeadLetterCounter deadLetters = new DeadLetterCounter();
        Topology topology = TopologyCompiler.compile(pipeline, deadLetters);
        yield StreamsApp.start(topology, streamsConfig(pipeline), deadLetters::total);
      }
    };
  }

  /** What the worker's container would get: the brokers and a state directory. */
  public Properties streamsConfig(ValidatedPipeline pipeline) {
    return StreamsSettings.of(
        pipeline,
        Map.of(
            StreamsSettings.BOOTSTRAP_SERVERS,
            bootstrapServers,
            StreamsSettings.STATE_DIR,
            stateRoot.resolve(pipeline.name()).toString()));
  }

  public static Topology handWritten(Run run) {
    return switch (run.scenario()) {
      case FILTER_SELECT -> HandWrittenTopologies.filterSelect(run.inputTopic(), run.outputTopic());
      case WINDOWED_TOTALS ->
          HandWrittenTopologies.windowedTotals(run.inputTopic(), run.outputTopic());
      case CARD_ENRICHMENT ->
          HandWrittenTopologies.cardEnrichment(run.inputTopic(), Topics.CARDS, run.outputTopic());
    };
  }

  /**
   * The raw loop's work on a value: in scenario (a) the pipeline's JSON work with the hand-written
   * app's records (parse, filter, project, write); elsewhere a copy.
   */
  public static UnaryOperator<byte[]> rawTransform(Scenario scenario) {
    if (scenario != Scenario.FILTER_SELECT) {
      return UnaryOperator.identity();
    }
    JsonSerde<Transaction> transactions = JsonSerde.of(Transaction.class);
    JsonSerde<Payment> payments = JsonSerde.of(Payment.class);
    return value -> {
      Transaction tx = transactions.read(value);
      return tx.isLargeAndDomestic() ? payments.write(Payment.of(tx)) : null;
    };
  }
}
