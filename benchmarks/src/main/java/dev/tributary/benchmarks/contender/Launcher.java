package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.Cluster;
import dev.tributary.benchmarks.Scenario;
import dev.tributary.benchmarks.data.Topics;
import dev.tributary.benchmarks.handwritten.HandWrittenTopologies;
import dev.tributary.benchmarks.handwritten.JsonSerde;
import dev.tributary.benchmarks.handwritten.Payment;
import dev.tributary.benchmarks.handwritten.Transaction;
import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.access.AccessPlan;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.access.KafkaAccessException;
import dev.tributary.runtime.access.KafkaCredential;
import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.worker.config.StreamsSettings;
import dev.tributary.worker.deadletter.DeadLetterCounter;
import dev.tributary.worker.topology.TopologyCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.Topology;

/**
 * Starts contenders. The hand-written app and the worker run with the same Kafka Streams
 * configuration — {@link StreamsSettings}' properties for the run's pipeline (application ids
 * differ, since each run has its own name) — but for the worker's client tuning ({@link
 * StreamsSettings#TUNING}), which the hand-written app gets only when asked: a Kafka Streams app
 * runs with Kafka Streams' defaults unless its author tunes it.
 *
 * <p>On a secured broker every run gets what the platform gives a pipeline there: a SCRAM user of
 * its own with exactly its pipeline's ACLs ({@link AccessPlan#pipeline}), in a client properties
 * file that the Streams contenders read as the worker does ({@value
 * StreamsSettings#CLIENT_PROPERTIES}). {@link #release} removes the user.
 */
public final class Launcher implements AutoCloseable {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final Cluster cluster;
  private final Path stateRoot;
  private final KafkaAccess access;
  private final boolean handTuned;
  private final List<String> contenderJvmOptions;

  /** The JVM each kind of Streams contender runs its runs in, once started. */
  private final Map<Contender.Kind, ContenderProcess> jvms = new EnumMap<>(Contender.Kind.class);

  /** The Kafka user of each run started on a secured broker, by run name, until released. */
  private final Map<String, String> users = new ConcurrentHashMap<>();

  /**
   * @param handTuned whether the hand-written app also gets the worker's client tuning
   * @param contenderJvmOptions the options of a Streams contender's own JVM ({@link
   *     #startInOwnJvm})
   */
  public Launcher(
      Cluster cluster, Path stateRoot, boolean handTuned, List<String> contenderJvmOptions) {
    this.cluster = cluster;
    this.stateRoot = stateRoot;
    this.handTuned = handTuned;
    this.contenderJvmOptions = List.copyOf(contenderJvmOptions);
    this.access = new KafkaAccess(cluster.admin(), ADMIN_TIMEOUT);
  }

  public RunningContender start(Contender.Kind kind, Run run) {
    ValidatedPipeline pipeline = BenchmarkPipeline.forRun(run);
    KafkaConnection identity = identity(run, pipeline);
    return kind == Contender.Kind.RAW
        ? RawLoop.start(identity, run, rawTransform(run.scenario()))
        : startStreams(kind, run, pipeline, streamsConfig(pipeline, identity), handTuned);
  }

  /**
   * Starts a Streams contender in this JVM with the pipeline's Streams configuration; the
   * hand-written app without the worker's client tuning unless {@code handTuned}.
   */
  static StreamsApp startStreams(
      Contender.Kind kind,
      Run run,
      ValidatedPipeline pipeline,
      Properties config,
      boolean handTuned) {
    return switch (kind) {
      case HAND_WRITTEN -> {
        if (!handTuned) {
          StreamsSettings.TUNING.keySet().forEach(config::remove);
        }
        yield StreamsApp.start(handWritten(run), config, () -> 0);
      }
      case WORKER -> {
        DeadLetterCounter deadLetters = new DeadLetterCounter();
        Topology topology = TopologyCompiler.compile(pipeline, deadLetters);
        yield StreamsApp.start(topology, config, deadLetters::total);
      }
      case RAW -> throw new IllegalArgumentException("the raw loop is no Streams application");
    };
  }

  /**
   * Starts a Streams contender in the JVM of its kind ({@link ContenderProcess}), which outlives
   * the run; the raw loop in this one: for latency runs, where a contender's collections should be
   * its own, as a worker's are.
   */
  public RunningContender startInOwnJvm(Contender.Kind kind, Run run) {
    if (kind == Contender.Kind.RAW) {
      return start(kind, run);
    }
    ValidatedPipeline pipeline = BenchmarkPipeline.forRun(run);
    Map<String, String> environment = environment(pipeline, identity(run, pipeline));
    ContenderProcess jvm;
    synchronized (jvms) {
      jvm = jvms.get(kind);
      if (jvm == null || !jvm.alive()) {
        if (jvm != null) {
          jvm.close();
        }
        jvm = ContenderProcess.start(kind, contenderJvmOptions, processLog());
        jvms.put(kind, jvm);
      }
    }
    return jvm.run(run, environment, handTuned);
  }

  /** Ends the contenders' own JVMs. */
  @Override
  public void close() {
    synchronized (jvms) {
      jvms.values().forEach(ContenderProcess::close);
      jvms.clear();
    }
  }

  /** Beside the benchmark's own log of the clients' warnings, when it has one. */
  private Path processLog() {
    String log = System.getProperty("org.slf4j.simpleLogger.logFile");
    Path folder =
        log == null || log.startsWith("System.")
            ? stateRoot
            : Path.of(log).toAbsolutePath().getParent();
    return folder.resolve("contender-processes.log");
  }

  /** Removes the run's Kafka user, if it has one. */
  public void release(Run run) {
    String user = users.remove(run.name());
    if (user == null) {
      return;
    }
    try {
      access.revoke(List.of(user));
    } catch (KafkaAccessException e) {
      throw new IllegalStateException("cannot remove the Kafka user of " + run.name(), e);
    }
  }

  /**
   * The identity the run's clients use: none on a broker without security, otherwise the pipeline's
   * own user, created with its ACLs.
   */
  private KafkaConnection identity(Run run, ValidatedPipeline pipeline) {
    KafkaConnection platform = cluster.connection();
    if (!platform.secured()) {
      return platform;
    }
    KafkaCredential credential =
        KafkaCredential.generate(AccessPlan.pipelineUser(pipeline.team(), pipeline.name(), 1));
    users.put(run.name(), credential.username());
    try {
      access.grant(
          Map.of(credential, AccessPlan.pipeline(credential.principal(), Planner.plan(pipeline))));
    } catch (KafkaAccessException e) {
      throw new IllegalStateException("cannot create the Kafka user of " + pipeline.name(), e);
    }
    return platform.as(credential);
  }

  /**
   * The Streams configuration from what the worker's container would get: the brokers, a state
   * directory and, on a secured broker, its client properties file.
   */
  private Properties streamsConfig(ValidatedPipeline pipeline, KafkaConnection identity) {
    return StreamsSettings.of(pipeline, environment(pipeline, identity));
  }

  /** The environment a worker's container would get, as {@link StreamsSettings} reads it. */
  private Map<String, String> environment(ValidatedPipeline pipeline, KafkaConnection identity) {
    Path state = stateRoot.resolve(pipeline.name());
    Map<String, String> environment = new HashMap<>();
    environment.put(StreamsSettings.BOOTSTRAP_SERVERS, identity.bootstrapServers());
    environment.put(StreamsSettings.STATE_DIR, state.toString());
    if (identity.secured()) {
      Path file = state.resolveSibling(pipeline.name() + ".client.properties");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, identity.propertiesText("Kafka identity of " + pipeline.name()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      environment.put(StreamsSettings.CLIENT_PROPERTIES, file.toString());
    }
    return environment;
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
