package dev.tributary.benchmarks;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.data.TransactionData;
import dev.tributary.benchmarks.measure.LatencyResult;
import dev.tributary.benchmarks.measure.PhaseLatency;
import dev.tributary.benchmarks.measure.ThroughputResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The printed outcome: setup and machine, the comparison table, exactly-once cost, verdict. */
final class Report {

  static final String HALF = "50%";
  static final String NINE_TENTHS = "90%";

  /** The target of the declarative layer: the worker at this share of the hand-written app. */
  static final double TARGET = 0.95;

  /** A send this late means the load generator itself could not keep up. */
  private static final long SENDER_BEHIND_MILLIS = 100;

  private static final String ROW = "%-40s %10s %6s %6s %8s %6s %8s %8s %8s %8s  %s%n";

  private final Setup setup;
  private final TransactionData data;
  private final Results results;
  private final SaslCost saslCost;
  private final double loadAverageAtEnd;
  private final Duration elapsed;
  private boolean senderFellBehind;

  Report(
      Setup setup,
      TransactionData data,
      Results results,
      SaslCost saslCost,
      double loadAverageAtEnd,
      Duration elapsed) {
    this.setup = setup;
    this.data = data;
    this.results = results;
    this.saslCost = saslCost;
    this.loadAverageAtEnd = loadAverageAtEnd;
    this.elapsed = elapsed;
  }

  /** What was known before the runs started. */
  record Setup(Instant started, Machine machine, double loadAverage, BenchmarkOptions options) {}

  void print(PrintStream out) {
    BenchmarkOptions options = setup.options();
    Machine machine = setup.machine();
    out.println();
    out.println(
        "=== Tributary worker benchmark — "
            + setup.started().truncatedTo(ChronoUnit.SECONDS)
            + " ===");
    out.printf(
        "Machine: %d cores (%s), %s; JDK %s; Kafka clients and Streams %s%n",
        machine.cores(), machine.cpu(), machine.os(), machine.jdk(), machine.kafkaClients());
    out.println(
        "Broker: local-stack Kafka 4.4 (KRaft, one node) in its own JVM on the same machine;"
            + " broker, contender, load generator and output consumer share the cores.");
    out.printf(
        "Load average (1 min): %.1f at start, %.1f at end — other builds may share this machine;"
            + " treat differences of a few percent as noise.%n",
        setup.loadAverage(), loadAverageAtEnd);
    out.printf(
        "Data: %,d transactions, %.0f B of JSON on average, keyed by card (%,d cards), %d"
            + " partitions; %,d card rows (compacted topic); seed %d.%n",
        data.count(),
        data.averageValueBytes(),
        TransactionData.CARDS,
        Cluster.PARTITIONS,
        data.cards().size(),
        TransactionData.SEED);
    out.printf(
        "Throughput: backlog records / (append time of the last output − contender ready),"
            + " best of %d round(s). CPU µs: CPU time of the contender's own threads per backlog"
            + " record (least of the rounds); other processes affect it far less. Paired rounds:"
            + " worker and hand-written run back to back in each round (alternating which goes"
            + " first); their ratios are taken per round, and the median of the rounds'"
            + " ratios reported.%n",
        options.rounds());
    out.printf(
        "Latency: open-loop load at 50%% and 90%% of the contender's best throughput, %d s each"
            + " after %d s of warm-up; record timestamp (due send time) → consumed from the output"
            + " (read_committed); milliseconds.%n",
        options.latencyPhase().toSeconds(), options.warmUp().toSeconds());
    out.println(
        "Hand-written and worker: "
            + Guarantee.EXACTLY_ONCE.label()
            + ", one stream thread, the same Streams configuration (StreamsSettings of the run's"
            + " pipeline).");
    out.println();
    out.printf(
        ROW,
        "scenario / contender",
        "records/s",
        "×hand",
        "×raw",
        "CPU µs",
        "×hand",
        "p50@50%",
        "p99@50%",
        "p50@90%",
        "p99@90%",
        "output");
    for (Scenario scenario : options.scenarios()) {
      printScenario(out, scenario);
    }
    if (senderFellBehind) {
      out.println(
          "  * the load generator sent some records more than "
              + SENDER_BEHIND_MILLIS
              + " ms late in this phase: the machine was saturated, not only the contender.");
    }
    printExactlyOnceCost(out);
    printSaslCost(out);
    printRounds(out);
    printVerdict(out);
    out.printf("Total time %d min %02d s.%n", elapsed.toMinutes(), elapsed.toSecondsPart());
  }

  private void printScenario(PrintStream out, Scenario scenario) {
    out.println(scenario.title());
    Contender hand = contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE);
    Contender raw = contender(Contender.Kind.RAW, Guarantee.EXACTLY_ONCE);
    OptionalDouble handBest = results.bestRecordsPerSecond(scenario, hand);
    OptionalDouble rawBest = results.bestRecordsPerSecond(scenario, raw);
    OptionalDouble handCpu = results.leastCpuMicrosPerRecord(scenario, hand);
    for (Contender contender : WorkerBenchmark.MAIN_CONTENDERS) {
      List<ThroughputResult> rounds = results.rounds(scenario, contender);
      if (rounds.isEmpty()) {
        continue;
      }
      OptionalDouble best = results.bestRecordsPerSecond(scenario, contender);
      OptionalDouble cpu = results.leastCpuMicrosPerRecord(scenario, contender);
      Optional<LatencyResult> latency = results.latency(scenario, contender);
      out.printf(
          ROW,
          "  " + contender.label(scenario),
          best.isPresent() ? String.format("%,.0f", best.getAsDouble()) : "-",
          contender.kind() == Contender.Kind.RAW ? "" : ratio(best, handBest),
          ratio(best, rawBest),
          cpu.isPresent() ? String.format("%.1f", cpu.getAsDouble()) : "-",
          ratio(cpu, handCpu),
          latencyCell(latency, HALF, true),
          latencyCell(latency, HALF, false),
          latencyCell(latency, NINE_TENTHS, true),
          latencyCell(latency, NINE_TENTHS, false),
          outputCell(rounds, latency));
    }
    Contender worker = WorkerBenchmark.WORKER;
    OptionalDouble workerBest = results.bestRecordsPerSecond(scenario, worker);
    if (workerBest.isPresent() && handBest.isPresent()) {
      out.printf(
          "  → worker / hand-written: throughput %s, CPU per record %s, p99 %s at 50%% load,"
              + " %s at 90%% load; worker / %s: %s%n",
          ratio(workerBest, handBest),
          ratio(results.leastCpuMicrosPerRecord(scenario, worker), handCpu),
          latencyRatio(scenario, worker, hand, HALF),
          latencyRatio(scenario, worker, hand, NINE_TENTHS),
          raw.label(scenario),
          ratio(workerBest, rawBest));
    }
    List<Results.RoundRatio> paired = results.pairedRatios(scenario, worker, hand);
    if (!paired.isEmpty()) {
      out.printf(
          "  → paired rounds (worker and hand-written back to back): throughput %s, median %s;"
              + " hand CPU ÷ worker CPU %s, median %s%n",
          joinRatios(paired.stream().map(Results.RoundRatio::throughput).toList()),
          ratio(Results.median(paired.stream().map(Results.RoundRatio::throughput).toList())),
          joinRatios(paired.stream().map(Results.RoundRatio::inverseCpu).toList()),
          ratio(Results.median(paired.stream().map(Results.RoundRatio::inverseCpu).toList())));
    }
  }

  private static String joinRatios(List<Double> ratios) {
    return ratios.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(" / "));
  }

  private static String ratio(OptionalDouble value) {
    return value.isPresent() ? String.format("%.2f×", value.getAsDouble()) : "-";
  }

  private void printExactlyOnceCost(PrintStream out) {
    Scenario scenario = Scenario.FILTER_SELECT;
    List<Contender> worker = new ArrayList<>(WorkerBenchmark.GUARANTEE_CONTENDERS);
    worker.add(1, WorkerBenchmark.WORKER);
    if (worker.stream().anyMatch(c -> results.rounds(scenario, c).isEmpty())) {
      return;
    }
    out.println();
    out.println(
        "Cost of exactly-once: the worker on "
            + scenario.title()
            + "; latency at one offered rate for all (50% of the worker's best under"
            + " exactly_once_v2, 100 ms)");
    String row = "%-32s %10s %8s %22s %8s %8s  %s%n";
    out.printf(
        row,
        "guarantee, commit interval",
        "records/s",
        "CPU µs",
        "vs at_least_once",
        "p50",
        "p99",
        "output");
    for (Contender contender : worker) {
      Contender atLeastOnce =
          contender(
              Contender.Kind.WORKER,
              Guarantee.AT_LEAST_ONCE.withCommitInterval(contender.guarantee().commitInterval()));
      OptionalDouble best = results.bestRecordsPerSecond(scenario, contender);
      Optional<LatencyResult> latency = results.latency(scenario, contender);
      OptionalDouble cpu = results.leastCpuMicrosPerRecord(scenario, contender);
      out.printf(
          row,
          "  " + contender.guarantee().label(),
          best.isPresent() ? String.format("%,.0f", best.getAsDouble()) : "-",
          cpu.isPresent() ? String.format("%.1f", cpu.getAsDouble()) : "-",
          contender.guarantee().transactional()
              ? ratio(best, results.bestRecordsPerSecond(scenario, atLeastOnce)) + " throughput"
              : "",
          latencyCell(latency, HALF, true),
          latencyCell(latency, HALF, false),
          outputCell(results.rounds(scenario, contender), latency));
    }
  }

  private void printSaslCost(PrintStream out) {
    Contender worker = WorkerBenchmark.WORKER;
    List<Scenario> measured =
        setup.options().scenarios().stream()
            .filter(s -> !saslCost.sasl().rounds(s, worker).isEmpty())
            .toList();
    if (measured.isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "Cost of SASL/SCRAM with ACLs: the worker ["
            + worker.guarantee().label()
            + "] on a second broker that authenticates every client (SCRAM-SHA-512) and authorizes"
            + " every request (StandardAuthorizer, no ACL = refused), each run as a user of its own"
            + " with exactly its pipeline's ACLs, against the worker on the plain broker. Each"
            + " round runs the two back to back, alternating which goes first; latency at one"
            + " offered rate for both (50% of the plain run's best).");
    String row = "%-34s %12s %12s %9s %9s %15s %15s  %s%n";
    out.printf(
        row,
        "scenario",
        "plain rec/s",
        "SASL rec/s",
        "CPU plain",
        "CPU SASL",
        "p50/p99 plain",
        "p50/p99 SASL",
        "output");
    for (Scenario scenario : measured) {
      Results plain = saslCost.plain();
      Results sasl = saslCost.sasl();
      OptionalDouble plainCpu = plain.leastCpuMicrosPerRecord(scenario, worker);
      OptionalDouble saslCpu = sasl.leastCpuMicrosPerRecord(scenario, worker);
      Optional<LatencyResult> plainLatency = plain.latency(scenario, worker);
      Optional<LatencyResult> saslLatency = sasl.latency(scenario, worker);
      boolean ok =
          outputCell(plain.rounds(scenario, worker), plainLatency).equals("ok")
              && outputCell(sasl.rounds(scenario, worker), saslLatency).equals("ok");
      out.printf(
          row,
          "  " + scenario.title(),
          records(plain.bestRecordsPerSecond(scenario, worker)),
          records(sasl.bestRecordsPerSecond(scenario, worker)),
          plainCpu.isPresent() ? String.format("%.1f µs", plainCpu.getAsDouble()) : "-",
          saslCpu.isPresent() ? String.format("%.1f µs", saslCpu.getAsDouble()) : "-",
          latencyCell(plainLatency, HALF, true) + " / " + latencyCell(plainLatency, HALF, false),
          latencyCell(saslLatency, HALF, true) + " / " + latencyCell(saslLatency, HALF, false),
          ok ? "ok" : "WRONG");
      List<Results.RoundRatio> paired =
          Results.pairedRatios(sasl.rounds(scenario, worker), plain.rounds(scenario, worker));
      if (!paired.isEmpty()) {
        List<Double> throughput = paired.stream().map(Results.RoundRatio::throughput).toList();
        List<Double> cpu = paired.stream().map(r -> 1 / r.inverseCpu()).toList();
        out.printf(
            "  → paired rounds, SASL ÷ plain: throughput %s, median %s; CPU per record %s, median"
                + " %s%n",
            joinRatios(throughput),
            ratio(Results.median(throughput)),
            joinRatios(cpu),
            ratio(Results.median(cpu)));
      }
    }
  }

  private static String records(OptionalDouble recordsPerSecond) {
    return recordsPerSecond.isPresent()
        ? String.format("%,.0f", recordsPerSecond.getAsDouble())
        : "-";
  }

  private void printRounds(PrintStream out) {
    if (setup.options().rounds() < 2) {
      return;
    }
    out.println();
    out.println("Every round (records/s, CPU per record):");
    for (Scenario scenario : setup.options().scenarios()) {
      List<Contender> all = new ArrayList<>(WorkerBenchmark.MAIN_CONTENDERS);
      if (scenario == Scenario.FILTER_SELECT) {
        all.addAll(WorkerBenchmark.GUARANTEE_CONTENDERS);
      }
      for (Contender contender : all) {
        List<ThroughputResult> rounds = results.rounds(scenario, contender);
        if (!rounds.isEmpty()) {
          out.printf(
              "  %s, %s [%s]: %s%n",
              scenario.title(),
              contender.label(scenario),
              contender.guarantee().label(),
              rounds.stream()
                  .map(
                      r ->
                          String.format(
                              "%,.0f (%.1f µs CPU)", r.recordsPerSecond(), r.cpuMicrosPerRecord()))
                  .collect(Collectors.joining(" / ")));
        }
      }
    }
  }

  private void printVerdict(PrintStream out) {
    out.println();
    Contender hand = contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE);
    List<String> throughputRatios = new ArrayList<>();
    List<String> cpuRatios = new ArrayList<>();
    List<String> pairedRatios = new ArrayList<>();
    boolean met = true;
    boolean pairedMet = true;
    for (Scenario scenario : setup.options().scenarios()) {
      OptionalDouble worker = results.bestRecordsPerSecond(scenario, WorkerBenchmark.WORKER);
      OptionalDouble handWritten = results.bestRecordsPerSecond(scenario, hand);
      if (worker.isPresent() && handWritten.isPresent()) {
        double ratio = worker.getAsDouble() / handWritten.getAsDouble();
        met &= ratio >= TARGET;
        throughputRatios.add(
            String.format(
                "%s %.2f×%s",
                scenario.title(),
                ratio,
                ratio >= TARGET
                    ? ""
                    : String.format(" (%.0f%% short)", (TARGET - ratio) * 100 / TARGET)));
      }
      OptionalDouble workerCpu = results.leastCpuMicrosPerRecord(scenario, WorkerBenchmark.WORKER);
      OptionalDouble handCpu = results.leastCpuMicrosPerRecord(scenario, hand);
      if (workerCpu.isPresent() && handCpu.isPresent()) {
        cpuRatios.add(
            String.format(
                "%s %.2f×", scenario.title(), handCpu.getAsDouble() / workerCpu.getAsDouble()));
      }
      List<Results.RoundRatio> paired =
          results.pairedRatios(scenario, WorkerBenchmark.WORKER, hand);
      OptionalDouble pairedThroughput =
          Results.median(paired.stream().map(Results.RoundRatio::throughput).toList());
      if (pairedThroughput.isPresent()) {
        double ratio = pairedThroughput.getAsDouble();
        pairedMet &= ratio >= TARGET;
        pairedRatios.add(
            String.format(
                "%s %.2f× (CPU %s)%s",
                scenario.title(),
                ratio,
                ratio(Results.median(paired.stream().map(Results.RoundRatio::inverseCpu).toList())),
                ratio >= TARGET
                    ? ""
                    : String.format(" (%.0f%% short)", (TARGET - ratio) * 100 / TARGET)));
      }
    }
    if (!throughputRatios.isEmpty()) {
      out.printf(
          "Target (worker ≥ %.2f× hand-written Kafka Streams on every scenario): %s — %s%n",
          TARGET, met ? "MET" : "MISSED", String.join(", ", throughputRatios));
      out.println(
          "  The same by CPU per record (hand-written CPU / worker CPU, little affected by other"
              + " load): "
              + String.join(", ", cpuRatios));
    }
    if (!pairedRatios.isEmpty()) {
      out.printf(
          "Target by paired rounds (median of the per-round worker / hand-written ratios, each"
              + " round running the two back to back): %s — %s%n",
          pairedMet ? "MET" : "MISSED", String.join(", ", pairedRatios));
    }
    List<String> wrong = results.wrongOutputs();
    if (wrong.isEmpty()) {
      out.println("Every contender's output was complete and right.");
    } else {
      out.println("WRONG OUTPUT (the benchmark fails):");
      wrong.forEach(w -> out.println("  " + w));
    }
  }

  private String latencyCell(Optional<LatencyResult> latency, String phase, boolean median) {
    Optional<PhaseLatency> result = latency.flatMap(l -> l.phase(phase));
    if (result.isEmpty()) {
      return "-";
    }
    PhaseLatency p = result.get();
    boolean behind = p.senderWorstDelayMillis() > SENDER_BEHIND_MILLIS;
    senderFellBehind |= behind;
    return (median ? p.p50Millis() : p.p99Millis()) + (behind && !median ? "*" : "");
  }

  private String latencyRatio(Scenario scenario, Contender a, Contender b, String phase) {
    Optional<PhaseLatency> first = results.latency(scenario, a).flatMap(l -> l.phase(phase));
    Optional<PhaseLatency> second = results.latency(scenario, b).flatMap(l -> l.phase(phase));
    if (first.isEmpty() || second.isEmpty() || second.get().p99Millis() == 0) {
      return "-";
    }
    return String.format("%.2f×", (double) first.get().p99Millis() / second.get().p99Millis());
  }

  private static String outputCell(List<ThroughputResult> rounds, Optional<LatencyResult> latency) {
    boolean ok =
        rounds.stream().allMatch(r -> r.verdict().ok())
            && latency.map(l -> l.verdict().ok()).orElse(true);
    return ok ? "ok" : "WRONG";
  }

  private static String ratio(OptionalDouble value, OptionalDouble base) {
    if (value.isEmpty() || base.isEmpty() || base.getAsDouble() == 0) {
      return "";
    }
    return String.format("%.2f×", value.getAsDouble() / base.getAsDouble());
  }

  private static Contender contender(Contender.Kind kind, Guarantee guarantee) {
    return new Contender(kind, guarantee);
  }
}
