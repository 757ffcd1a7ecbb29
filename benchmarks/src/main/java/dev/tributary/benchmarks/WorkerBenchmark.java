package dev.tributary.benchmarks;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.contender.Launcher;
import dev.tributary.benchmarks.contender.Run;
import dev.tributary.benchmarks.data.DataLoader;
import dev.tributary.benchmarks.data.Topics;
import dev.tributary.benchmarks.data.TransactionData;
import dev.tributary.benchmarks.measure.CommitTimes;
import dev.tributary.benchmarks.measure.Expectation;
import dev.tributary.benchmarks.measure.LatencyResult;
import dev.tributary.benchmarks.measure.LatencyRun;
import dev.tributary.benchmarks.measure.Phase;
import dev.tributary.benchmarks.measure.PhaseLatency;
import dev.tributary.benchmarks.measure.SustainableRate;
import dev.tributary.benchmarks.measure.ThroughputResult;
import dev.tributary.benchmarks.measure.ThroughputRun;
import dev.tributary.benchmarks.measure.Verdict;
import dev.tributary.localstack.kafka.KafkaBroker;
import dev.tributary.runtime.kafka.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The worker benchmark (docs/benchmarks.md): starts a broker, loads the transactions once, then
 * measures a raw consume-produce loop, a hand-written Kafka Streams app and the Tributary worker on
 * each scenario — throughput on the backlog, then latency under open-loop load — the cost of
 * exactly-once for the worker, and the cost of a broker with SASL/SCRAM and ACLs: the worker on a
 * second, secured broker paired with the worker on the first. Exits with 1 when a contender's
 * output was wrong.
 */
public final class WorkerBenchmark {

  /**
   * What the main comparison runs: the raw limit with and without transactions, then the two. The
   * hand-written app and the worker stay next to each other, so that each round runs them back to
   * back and their per-round ratio compares runs under about the same load of the machine.
   */
  static final List<Contender> MAIN_CONTENDERS =
      List.of(
          new Contender(Contender.Kind.RAW, Guarantee.AT_LEAST_ONCE),
          new Contender(Contender.Kind.RAW, Guarantee.EXACTLY_ONCE),
          new Contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE),
          new Contender(Contender.Kind.WORKER, Guarantee.EXACTLY_ONCE));

  /**
   * The worker under the other guarantees and commit intervals of the exactly-once comparison
   * (scenario a): at-least-once at 100 ms and 1 s, exactly-once from 50 ms to 1 s, so that the
   * report shows what each commit interval costs and what latency it gives.
   */
  static final List<Contender> GUARANTEE_CONTENDERS =
      Stream.of(
              Guarantee.AT_LEAST_ONCE,
              Guarantee.EXACTLY_ONCE.withCommitInterval(Duration.ofMillis(50)),
              Guarantee.EXACTLY_ONCE.withCommitInterval(Duration.ofMillis(250)),
              Guarantee.EXACTLY_ONCE.withCommitInterval(Duration.ofMillis(500)),
              Guarantee.AT_LEAST_ONCE.withCommitInterval(Duration.ofSeconds(1)),
              Guarantee.EXACTLY_ONCE.withCommitInterval(Duration.ofSeconds(1)))
          .map(guarantee -> new Contender(Contender.Kind.WORKER, guarantee))
          .toList();

  static final Contender WORKER = new Contender(Contender.Kind.WORKER, Guarantee.EXACTLY_ONCE);

  private final BenchmarkOptions options;
  private final Target plain;
  private final TransactionData data;
  private final Results results = new Results();
  private final SaslCost saslCost = new SaslCost(new Results(), new Results());
  private final long startNanos = System.nanoTime();
  private int runs;

  private WorkerBenchmark(BenchmarkOptions options, Target plain, TransactionData data) {
    this.options = options;
    this.plain = plain;
    this.data = data;
  }

  /** A broker and the launcher of contenders against it. */
  private record Target(String label, Cluster cluster, Launcher launcher) {}

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--help")) {
      System.out.print(BenchmarkOptions.USAGE);
      return;
    }
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(options));
  }

  private static int run(BenchmarkOptions options) {
    Report.Setup setup =
        new Report.Setup(Instant.now(), Machine.describe(), Machine.loadAverage(), options);
    System.out.println(
        "Starting a Kafka broker (local-stack) and loading "
            + options.records()
            + " transactions…");
    Path stateRoot = temporaryDirectory();
    try (KafkaBroker broker = KafkaBroker.start();
        Cluster cluster =
            new Cluster(KafkaConnection.plain(broker.bootstrapServers()), broker.pid());
        Launcher launcher =
            new Launcher(cluster, stateRoot, options.handTuned(), options.contenderJvmOptions())) {
      TransactionData data = TransactionData.generate(options.records());
      load(cluster, data);
      WorkerBenchmark benchmark =
          new WorkerBenchmark(options, new Target("plain broker", cluster, launcher), data);
      benchmark.runAll();
      if (options.saslCost() && options.kinds().contains(Contender.Kind.WORKER)) {
        benchmark.saslCost(stateRoot);
      }
      new Report(
              setup,
              data,
              benchmark.results,
              benchmark.saslCost,
              Machine.loadAverage(),
              benchmark.elapsed())
          .print(System.out);
      boolean right =
          benchmark.results.wrongOutputs().isEmpty() && benchmark.saslCost.wrongOutputs().isEmpty();
      return right ? 0 : 1;
    } finally {
      deleteRecursively(stateRoot);
    }
  }

  private static void load(Cluster cluster, TransactionData data) {
    long loadStart = System.nanoTime();
    DataLoader.load(cluster, data);
    System.out.printf("Loaded in %.1f s.%n", (System.nanoTime() - loadStart) / 1e9);
  }

  private void runAll() {
    warmUp();
    for (Scenario scenario : options.scenarios()) {
      List<Contender> contenders =
          MAIN_CONTENDERS.stream().filter(c -> options.kinds().contains(c.kind())).toList();
      throughputRounds(scenario, contenders);
      if (options.latency()) {
        latencyRounds(scenario, contenders);
      }
      // Right after the main worker runs of (a), so that all guarantees meet similar conditions.
      if (scenario == Scenario.FILTER_SELECT
          && options.exactlyOnceCost()
          && options.kinds().contains(Contender.Kind.WORKER)) {
        exactlyOnceCost();
      }
    }
  }

  /**
   * One unreported run of each kind of contender on scenario (a), so that the JIT has compiled the
   * client, Streams, JSON and expression code they share before anything is measured: the first run
   * in a fresh JVM is otherwise up to twice as slow as the next.
   */
  private void warmUp() {
    for (Contender contender : MAIN_CONTENDERS) {
      if (options.kinds().contains(contender.kind()) && contender.guarantee().transactional()) {
        ThroughputResult result = measureThroughput(Scenario.FILTER_SELECT, contender);
        progress(
            Scenario.FILTER_SELECT,
            contender,
            String.format(
                "warm-up, not reported: %,.0f records/s — %s",
                result.recordsPerSecond(), verdict(result.verdict())));
      }
    }
  }

  /**
   * One unreported run over the backlog in the contender's own JVM, where its latency runs of the
   * scenario follow: the JVM outlives its runs, and this one compiles the scenario's code there
   * under full load, as the throughput rounds do in the benchmark's JVM. Without it the first
   * latency run in a fresh JVM measured its JIT: the hand-written app's p99 at 50 % on (a) was 535
   * and 670 ms in the first phase after a 10 s warm-up, 124 ms in a run that came later.
   */
  private void warmUpOwnJvm(Target target, Scenario scenario, Contender contender) {
    if (contender.kind() == Contender.Kind.RAW) {
      return;
    }
    ThroughputResult result = measureThroughput(target, scenario, contender, true);
    progress(
        scenario,
        contender,
        String.format(
            "%sits own JVM warmed up, not reported: %,.0f records/s — %s",
            target == plain ? "" : target.label() + ": ",
            result.recordsPerSecond(),
            verdict(result.verdict())));
  }

  /** The worker on scenario (a) under the other guarantees and commit intervals. */
  private void exactlyOnceCost() {
    throughputRounds(Scenario.FILTER_SELECT, GUARANTEE_CONTENDERS);
    if (!options.latency()) {
      return;
    }
    // One offered rate for every guarantee, so that p99 compares like with like: the rate of the
    // main worker run's 50% phase.
    double rate =
        results
            .latency(Scenario.FILTER_SELECT, WORKER)
            .flatMap(latency -> latency.phase(Report.HALF))
            .map(PhaseLatency::offeredRecordsPerSecond)
            .orElse(0.0);
    if (rate <= 0) {
      progress(
          Scenario.FILTER_SELECT,
          WORKER,
          "no latency under the other guarantees: the worker ran no 50% phase to take the rate"
              + " from");
      return;
    }
    for (Contender contender : GUARANTEE_CONTENDERS) {
      latency(
          Scenario.FILTER_SELECT,
          contender,
          List.of(
              Phase.warmUp(rate, options.warmUp()),
              Phase.measured(Report.HALF, rate, options.latencyPhase())));
    }
  }

  /**
   * Each round runs every contender, in reverse order every other round (drift, JIT warm-up): the
   * worker runs right after the hand-written app in one round and right before it in the next.
   */
  private void throughputRounds(Scenario scenario, List<Contender> contenders) {
    for (int round = 0; round < options.rounds(); round++) {
      List<Contender> order = new ArrayList<>(contenders);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (Contender contender : order) {
        throughput(scenario, contender);
      }
    }
  }

  private void throughput(Scenario scenario, Contender contender) {
    results.add(scenario, contender, throughput(plain, scenario, contender, ""));
  }

  private ThroughputResult throughput(
      Target target, Scenario scenario, Contender contender, String where) {
    ThroughputResult result = measureThroughput(target, scenario, contender);
    progress(
        scenario,
        contender,
        String.format(
            "%s%,.0f records/s over %.1f s, %.1f µs CPU per record, commits %s — %s",
            where,
            result.recordsPerSecond(),
            result.seconds(),
            result.cpuMicrosPerRecord(),
            Report.commitCell(result) + commitParts(result),
            verdict(result.verdict())));
    return result;
  }

  /** The parts of a run's commits, milliseconds each: flush, offsets, commit. */
  private static String commitParts(ThroughputResult result) {
    CommitTimes commits = result.commits();
    if (commits.commits() == 0) {
      return "";
    }
    return String.format(
        " (flush %.1f, offsets %.1f, commitTransaction %.1f ms each)",
        commits.flushNanos() / 1e6 / commits.commits(),
        commits.sendOffsetsNanos() / 1e6 / commits.commits(),
        commits.commitTransactionNanos() / 1e6 / commits.commits());
  }

  private ThroughputResult measureThroughput(Scenario scenario, Contender contender) {
    return measureThroughput(plain, scenario, contender);
  }

  private ThroughputResult measureThroughput(
      Target target, Scenario scenario, Contender contender) {
    return measureThroughput(target, scenario, contender, false);
  }

  private ThroughputResult measureThroughput(
      Target target, Scenario scenario, Contender contender, boolean ownJvm) {
    Run run =
        new Run(
            nextRunName(scenario, contender), scenario, Topics.TRANSACTIONS, contender.guarantee());
    Expectation expected = Expectation.of(scenario, contender.kind(), data, data.count(), true);
    try {
      return ThroughputRun.measure(
          target.cluster(), target.launcher(), contender, run, expected, data.count(), ownJvm);
    } catch (RuntimeException e) {
      return ThroughputResult.failed(Verdict.wrong("run failed: " + e));
    } finally {
      cleanUp(target, run);
    }
  }

  /**
   * The worker on a second broker that authenticates every client with SASL/SCRAM and authorizes
   * every request by ACLs, as the local platform's does, each run with a user of its own that holds
   * exactly its pipeline's ACLs: paired in each round with the worker on the plain broker (in
   * alternating order), then latency at one offered rate for both. Both brokers hold the same data.
   */
  private void saslCost(Path stateRoot) {
    System.out.println(
        "Starting a second Kafka broker with SASL/SCRAM and ACLs and loading the same"
            + " transactions…");
    try (KafkaBroker broker = KafkaBroker.builder().secured().start();
        Cluster cluster =
            new Cluster(
                KafkaConnection.of(broker.bootstrapServers(), broker.adminPropertiesFile()),
                broker.pid());
        Launcher launcher =
            new Launcher(cluster, stateRoot, options.handTuned(), options.contenderJvmOptions())) {
      load(cluster, data);
      Target secured = new Target("SASL/SCRAM + ACLs", cluster, launcher);
      ThroughputResult warmUp = measureThroughput(secured, Scenario.FILTER_SELECT, WORKER);
      progress(
          Scenario.FILTER_SELECT,
          WORKER,
          String.format(
              "SASL/SCRAM + ACLs, warm-up, not reported: %,.0f records/s — %s",
              warmUp.recordsPerSecond(), verdict(warmUp.verdict())));
      for (Scenario scenario : options.scenarios()) {
        for (int round = 0; round < options.rounds(); round++) {
          List<Target> order = round % 2 == 0 ? List.of(plain, secured) : List.of(secured, plain);
          for (Target target : order) {
            saslCost
                .of(target == secured)
                .add(scenario, WORKER, throughput(target, scenario, WORKER, target.label() + ": "));
          }
        }
        double rate = saslCost.plain().bestRecordsPerSecond(scenario, WORKER).orElse(0) * 0.5;
        if (options.latency() && rate > 0) {
          warmUpOwnJvm(secured, scenario, WORKER);
          for (Target target : List.of(plain, secured)) {
            saslCost
                .of(target == secured)
                .add(
                    scenario,
                    WORKER,
                    latency(
                        target,
                        "latency",
                        scenario,
                        WORKER,
                        List.of(
                            Phase.warmUp(rate, options.warmUp()),
                            Phase.measured(Report.HALF, rate, options.latencyPhase()))));
          }
        }
      }
    }
  }

  /**
   * Each contender's sustainable rate, probed upwards from a share of its backlog throughput; then
   * rounds of latency runs at 50% and 90% of that rate (the worker also at the hand-written app's),
   * the Streams contenders back to back in each round, alternating which goes first, as in the
   * throughput rounds. The raw loop, a reference rather than a contender the targets compare, runs
   * in the first round only.
   */
  private void latencyRounds(Scenario scenario, List<Contender> contenders) {
    List<Contender> measured =
        contenders.stream()
            .filter(c -> c.kind() != Contender.Kind.RAW || c.guarantee().transactional())
            .toList();
    for (Contender contender : measured) {
      warmUpOwnJvm(plain, scenario, contender);
      sustainableRate(scenario, contender);
    }
    for (int round = 0; round < options.latencyRounds(); round++) {
      List<Contender> order = new ArrayList<>(measured);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (Contender contender : order) {
        if (contender.kind() != Contender.Kind.RAW || round == 0) {
          latencyAtShareOfSustainable(scenario, contender, round);
        }
      }
    }
  }

  private void sustainableRate(Scenario scenario, Contender contender) {
    double maximum = results.bestRecordsPerSecond(scenario, contender).orElse(0);
    if (maximum <= 0) {
      progress(
          scenario, contender, "no latency run: no correct throughput run to take the rate from");
      return;
    }
    SustainableRate sustainable =
        SustainableRate.of(
            maximum,
            latency(
                plain,
                "probes",
                scenario,
                contender,
                SustainableRate.phases(maximum, options.probe(), options.warmUp())),
            contender.guarantee().commitInterval());
    results.add(scenario, contender, sustainable);
    progress(scenario, contender, sustainableLine(sustainable));
  }

  /**
   * One latency run of the contender at 50% and 90% of its sustainable rate (the worker also at the
   * hand-written app's), when it has one.
   */
  private void latencyAtShareOfSustainable(Scenario scenario, Contender contender, int round) {
    Optional<SustainableRate> sustainable =
        results.sustainable(scenario, contender).filter(SustainableRate::found);
    if (sustainable.isEmpty()) {
      return;
    }
    double rate = sustainable.get().recordsPerSecond();
    List<Phase> measured = new ArrayList<>();
    measured.add(Phase.measured(Report.HALF, rate * 0.5, options.latencyPhase()));
    measured.add(Phase.measured(Report.NINE_TENTHS, rate * 0.9, options.latencyPhase()));
    // The worker also at the hand-written app's rates: the same offered load on the same machine,
    // where the rates above differ by the two's sustainable rates (and so does what the broker, the
    // load generator and the reader of the output take from the shared cores).
    Optional<SustainableRate> hand =
        results
            .sustainable(
                scenario, new Contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE))
            .filter(SustainableRate::found);
    if (contender.equals(WORKER) && hand.isPresent()) {
      double handRate = hand.get().recordsPerSecond();
      measured.add(Phase.measured(Report.HAND_HALF, handRate * 0.5, options.latencyPhase()));
      measured.add(Phase.measured(Report.HAND_NINE_TENTHS, handRate * 0.9, options.latencyPhase()));
    }
    // From the lowest rate up, so that no phase starts on a backlog the one before left.
    measured.sort(Comparator.comparingDouble(Phase::recordsPerSecond));
    List<Phase> phases = new ArrayList<>();
    phases.add(Phase.warmUp(measured.get(0).recordsPerSecond(), options.warmUp()));
    phases.addAll(measured);
    String label =
        contender.kind() == Contender.Kind.RAW
            ? "latency"
            : String.format("latency, round %d of %d", round + 1, options.latencyRounds());
    results.add(scenario, contender, latency(plain, label, scenario, contender, phases));
  }

  private static String sustainableLine(SustainableRate sustainable) {
    String probes =
        sustainable.probes().stream()
            .map(p -> p.phase() + " " + p.openingP50Millis() + "→" + p.closingP50Millis() + " ms")
            .collect(Collectors.joining(", "));
    String rate =
        sustainable.found()
            ? String.format(
                "sustainable rate %,.0f/s (%d%% of the backlog throughput)",
                sustainable.recordsPerSecond(), sustainable.percentOfBacklogMaximum())
            : sustainable.verdict().ok()
                ? "no sustainable rate: it fell behind at the two lowest probes"
                : "no sustainable rate: the probe run's output was wrong";
    return rate + "; median latency at each probe's start → end: " + probes;
  }

  private void latency(Scenario scenario, Contender contender, List<Phase> phases) {
    results.add(scenario, contender, latency(plain, "latency", scenario, contender, phases));
  }

  private LatencyResult latency(
      Target target, String label, Scenario scenario, Contender contender, List<Phase> phases) {
    String name = nextRunName(scenario, contender);
    Run run = new Run(name, scenario, Run.TEAM_PREFIX + name + ".in", contender.guarantee());
    LatencyResult result;
    try {
      result =
          LatencyRun.measure(target.cluster(), target.launcher(), contender, run, phases, data);
    } catch (RuntimeException e) {
      result = new LatencyResult(List.of(), Verdict.wrong("run failed: " + e));
    } finally {
      cleanUp(target, run);
    }
    StringBuilder line = new StringBuilder(target == plain ? label : target.label() + ": " + label);
    result
        .phases()
        .forEach(
            p ->
                line.append(
                    String.format(
                        " | %s (%,.0f/s): p50 %d ms, p99 %d ms",
                        p.phase(), p.offeredRecordsPerSecond(), p.p50Millis(), p.p99Millis())));
    progress(scenario, contender, line + " — " + verdict(result.verdict()));
    return result;
  }

  /** Every run has a name of its own: its application id, consumer group and topics follow. */
  private String nextRunName(Scenario scenario, Contender contender) {
    runs++;
    return scenario.id() + "-" + contender.kind().shortName() + "-" + runs;
  }

  private static void cleanUp(Target target, Run run) {
    try {
      target
          .cluster()
          .deleteTopicsStartingWith(List.of(run.applicationId() + "-", run.applicationId() + "."));
      target.launcher().release(run);
    } catch (RuntimeException e) {
      System.out.println("  (could not clean up after " + run.name() + ": " + e.getMessage() + ")");
    }
  }

  private void progress(Scenario scenario, Contender contender, String what) {
    long seconds = (System.nanoTime() - startNanos) / 1_000_000_000;
    System.out.printf(
        "[%2d:%02d] %s | %s [%s] | %s%n",
        seconds / 60,
        seconds % 60,
        scenario.title(),
        contender.label(scenario),
        contender.guarantee().label(),
        what);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String verdict(Verdict verdict) {
    return (verdict.ok() ? "output ok: " : "OUTPUT WRONG: ") + verdict.detail();
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("tributary-benchmark-state-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory", e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }
}
