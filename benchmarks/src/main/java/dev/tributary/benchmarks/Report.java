package dev.tributary.benchmarks;

import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.data.TransactionData;
import dev.tributary.benchmarks.measure.CommitTimes;
import dev.tributary.benchmarks.measure.LatencyResult;
import dev.tributary.benchmarks.measure.PhaseLatency;
import dev.tributary.benchmarks.measure.SustainableRate;
import dev.tributary.benchmarks.measure.ThroughputResult;
import dev.tributary.worker.config.StreamsSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The printed outcome: setup and machine, the comparison table, exactly-once cost, verdict. */
final class Report {

  static final String HALF = "50%";
  static final String NINE_TENTHS = "90%";

  /** Phases of the worker at the hand-written app's rates. */
  static final String HAND_HALF = "50% of hand-written";

  static final String HAND_NINE_TENTHS = "90% of hand-written";

  /** Target: the worker's CPU per record at most this share of the hand-written app's. */
  static final double CPU_TARGET = 0.8;

  /** Target: the worker's throughput at least this multiple of the hand-written app's. */
  static final double THROUGHPUT_TARGET = 1.2;

  /** Target: the worker's throughput on (a) at least this share of the raw transactional loop's. */
  static final double RAW_TARGET = 0.9;

  /** Rounds shorter than this are too short to resolve differences of a few percent here. */
  static final int RELIABLE_INTERVAL_SECONDS = 10;

  /** A send this late means the load generator itself could not keep up. */
  private static final long SENDER_BEHIND_MILLIS = 100;

  private static final String ROW = "%-40s %7s %6s %10s %6s %6s %10s %8s %8s %8s %8s  %s%n";

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
        "CPU µs, the headline figure: CPU time of the contender's own threads per backlog record"
            + " (least of the rounds); other processes affect it far less than throughput."
            + " Throughput: backlog records / (append time of the last output − contender ready),"
            + " best of %d round(s). Paired rounds: worker and hand-written run back to back in"
            + " each round (alternating which goes first); their ratios are taken per round, and"
            + " the median and spread of the rounds' ratios reported.%n",
        options.rounds());
    out.printf(
        "Sustainable rate (live/s): the highest open-loop rate the contender keeps pace with,"
            + " probed at %s%% of its best backlog throughput, %d s each from the lowest up with"
            + " %d s at %d%% between two: a probe is kept pace with when the median latency of the"
            + " records due in its last fifth is at most the commit interval + %d ms above that of"
            + " its first fifth (a falling-behind contender's latency grows with its backlog) and"
            + " its first fifth is as far at most above the lowest start of all probes; the rate is"
            + " the highest probe kept pace with below two in a row that were not.%n",
        SustainableRate.PROBE_PERCENTS.stream()
            .map(String::valueOf)
            .collect(Collectors.joining("/")),
        options.probe().toSeconds(),
        SustainableRate.DRAIN.toSeconds(),
        SustainableRate.DRAIN_PERCENT,
        SustainableRate.JITTER_ALLOWANCE.toMillis());
    out.printf(
        "Latency: open-loop load at 50%% and 90%% of the contender's sustainable rate (the worker"
            + " also at the hand-written app's 50%% and 90%%), %d s each, from the lowest rate up"
            + " after %d s of warm-up; record timestamp (due send time) → consumed from the output"
            + " (read_committed); milliseconds. %d round(s), the Streams contenders back to back in"
            + " each (alternating which goes first), a fresh instance for every run; the table"
            + " gives each phase's median of the rounds.%n",
        options.latencyPhase().toSeconds(), options.warmUp().toSeconds(), options.latencyRounds());
    out.println(
        "Hand-written and worker: "
            + Guarantee.EXACTLY_ONCE.label()
            + ", one stream thread, the same Streams configuration (StreamsSettings of the run's"
            + " pipeline)"
            + (setup.options().handTuned()
                ? ", the worker's client tuning included."
                : " but for the worker's client tuning, which the hand-written app does not have: "
                    + new TreeMap<>(StreamsSettings.TUNING)
                    + "."));
    out.println();
    out.printf(
        ROW,
        "scenario / contender",
        "CPU µs",
        "×hand",
        "records/s",
        "×hand",
        "×raw",
        "live/s",
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
          cpu.isPresent() ? String.format("%.1f", cpu.getAsDouble()) : "-",
          ratio(cpu, handCpu),
          best.isPresent() ? String.format("%,.0f", best.getAsDouble()) : "-",
          contender.kind() == Contender.Kind.RAW ? "" : ratio(best, handBest),
          ratio(best, rawBest),
          results.sustainable(scenario, contender).map(Report::sustainableCell).orElse("-"),
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
          "  → worker / hand-written, best rounds: CPU per record %s, throughput %s, p99 %s at 50%%"
              + " load, %s at 90%% load; worker / %s: %s%n",
          ratio(results.leastCpuMicrosPerRecord(scenario, worker), handCpu),
          ratio(workerBest, handBest),
          latencyRatio(scenario, worker, hand, HALF),
          latencyRatio(scenario, worker, hand, NINE_TENTHS),
          raw.label(scenario),
          ratio(workerBest, rawBest));
    }
    Optional<LatencyResult> workerLatency = results.latency(scenario, worker);
    if (workerLatency.flatMap(l -> l.phase(HAND_HALF)).isPresent()) {
      out.printf(
          "  → at the hand-written app's rates (the same offered load), p50 / p99 ms, hand-written"
              + " → worker: at 50%% %s / %s → %s / %s, at 90%% %s / %s → %s / %s%n",
          latencyCell(results.latency(scenario, hand), HALF, true),
          latencyCell(results.latency(scenario, hand), HALF, false),
          latencyCell(workerLatency, HAND_HALF, true),
          latencyCell(workerLatency, HAND_HALF, false),
          latencyCell(results.latency(scenario, hand), NINE_TENTHS, true),
          latencyCell(results.latency(scenario, hand), NINE_TENTHS, false),
          latencyCell(workerLatency, HAND_NINE_TENTHS, true),
          latencyCell(workerLatency, HAND_NINE_TENTHS, false));
    }
    List<Results.RoundRatio> paired = results.pairedRatios(scenario, worker, hand);
    if (!paired.isEmpty()) {
      List<Double> cpuRatios = paired.stream().map(r -> 1 / r.inverseCpu()).toList();
      List<Double> throughputRatios = paired.stream().map(Results.RoundRatio::throughput).toList();
      out.printf(
          "  → paired rounds (worker and hand-written back to back), worker ÷ hand-written: CPU"
              + " per record %s, median %s (spread %s); throughput %s, median %s (spread %s)%n",
          joinRatios(cpuRatios),
          ratio(Results.median(cpuRatios)),
          spread(cpuRatios),
          joinRatios(throughputRatios),
          ratio(Results.median(throughputRatios)),
          spread(throughputRatios));
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
    worker.add(WorkerBenchmark.WORKER);
    // by commit interval, at-least-once before exactly-once
    worker.sort(
        Comparator.comparing((Contender c) -> c.guarantee().commitInterval())
            .thenComparing(c -> c.guarantee().transactional()));
    if (worker.stream().anyMatch(c -> results.rounds(scenario, c).isEmpty())) {
      return;
    }
    out.println();
    out.println(
        "Cost of exactly-once: the worker on "
            + scenario.title()
            + "; latency at one offered rate for all (50% of the worker's sustainable rate under"
            + " exactly_once_v2, 100 ms)");
    String row = "%-32s %10s %8s %22s %8s %8s %30s  %s%n";
    out.printf(
        row,
        "guarantee, commit interval",
        "records/s",
        "CPU µs",
        "vs at_least_once",
        "p50",
        "p99",
        "commits, ms each, time share",
        "output");
    for (Contender contender : worker) {
      // at-least-once at the same commit interval where it was measured, else at 100 ms
      Contender atLeastOnce =
          contender(
              Contender.Kind.WORKER,
              Guarantee.AT_LEAST_ONCE.withCommitInterval(contender.guarantee().commitInterval()));
      if (results.rounds(scenario, atLeastOnce).isEmpty()) {
        atLeastOnce = contender(Contender.Kind.WORKER, Guarantee.AT_LEAST_ONCE);
      }
      OptionalDouble best = results.bestRecordsPerSecond(scenario, contender);
      Optional<LatencyResult> latency = results.latency(scenario, contender);
      OptionalDouble cpu = results.leastCpuMicrosPerRecord(scenario, contender);
      out.printf(
          row,
          "  " + contender.guarantee().label(),
          best.isPresent() ? String.format("%,.0f", best.getAsDouble()) : "-",
          cpu.isPresent() ? String.format("%.1f", cpu.getAsDouble()) : "-",
          contender.guarantee().transactional()
              ? ratio(best, results.bestRecordsPerSecond(scenario, atLeastOnce))
                  + " of "
                  + atLeastOnce.guarantee().commitInterval().toMillis()
                  + " ms"
              : "",
          latencyCell(latency, HALF, true),
          latencyCell(latency, HALF, false),
          results.bestRound(scenario, contender).map(Report::commitCell).orElse("-"),
          outputCell(results.rounds(scenario, contender), latency));
    }
    out.println(
        "  Commits: of the best round, how many the stream thread made, the time each took (the"
            + " producer's flush, sendOffsetsToTransaction and commitTransaction, as its metrics"
            + " count them) and their share of the measured time, during which the thread"
            + " processes nothing.");
  }

  /** Commits of a run: how many, milliseconds each, share of the measured time. */
  static String commitCell(ThroughputResult run) {
    CommitTimes commits = run.commits();
    if (commits.commits() == 0 || run.seconds() <= 0) {
      return "-";
    }
    return String.format(
        "%,d × %.1f ms, %.0f%%",
        commits.commits(),
        commits.millisPerCommit(),
        100.0 * commits.nanos() / 1e9 / run.seconds());
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
    String row = "%-26s %11s %11s %11s %11s %11s %11s %13s %13s  %s%n";
    out.printf(
        row,
        "scenario",
        "plain rec/s",
        "SASL rec/s",
        "worker CPU",
        "",
        "broker CPU",
        "",
        "p50/p99 ms",
        "",
        "output");
    out.printf(row, "", "", "", "plain", "SASL", "plain", "SASL", "plain", "SASL", "");
    for (Scenario scenario : measured) {
      Results plain = saslCost.plain();
      Results sasl = saslCost.sasl();
      Optional<LatencyResult> plainLatency = plain.latency(scenario, worker);
      Optional<LatencyResult> saslLatency = sasl.latency(scenario, worker);
      List<ThroughputResult> plainRounds = plain.rounds(scenario, worker);
      List<ThroughputResult> saslRounds = sasl.rounds(scenario, worker);
      boolean ok =
          outputCell(plainRounds, plainLatency).equals("ok")
              && outputCell(saslRounds, saslLatency).equals("ok");
      out.printf(
          row,
          "  " + scenario.title(),
          records(plain.bestRecordsPerSecond(scenario, worker)),
          records(sasl.bestRecordsPerSecond(scenario, worker)),
          micros(plain.leastCpuMicrosPerRecord(scenario, worker)),
          micros(sasl.leastCpuMicrosPerRecord(scenario, worker)),
          micros(leastBrokerCpu(plainRounds)),
          micros(leastBrokerCpu(saslRounds)),
          latencyCell(plainLatency, HALF, true) + " / " + latencyCell(plainLatency, HALF, false),
          latencyCell(saslLatency, HALF, true) + " / " + latencyCell(saslLatency, HALF, false),
          ok ? "ok" : "WRONG");
      List<Double> throughput = new ArrayList<>();
      List<Double> workerCpu = new ArrayList<>();
      List<Double> brokerCpu = new ArrayList<>();
      List<Double> bothCpu = new ArrayList<>();
      for (int round = 0; round < Math.min(plainRounds.size(), saslRounds.size()); round++) {
        ThroughputResult base = plainRounds.get(round);
        ThroughputResult secured = saslRounds.get(round);
        if (!base.verdict().ok()
            || !secured.verdict().ok()
            || base.recordsPerSecond() <= 0
            || base.cpuMicrosPerRecord() <= 0
            || base.brokerCpuMicrosPerRecord() <= 0) {
          continue;
        }
        throughput.add(secured.recordsPerSecond() / base.recordsPerSecond());
        workerCpu.add(secured.cpuMicrosPerRecord() / base.cpuMicrosPerRecord());
        brokerCpu.add(secured.brokerCpuMicrosPerRecord() / base.brokerCpuMicrosPerRecord());
        bothCpu.add(
            (secured.cpuMicrosPerRecord() + secured.brokerCpuMicrosPerRecord())
                / (base.cpuMicrosPerRecord() + base.brokerCpuMicrosPerRecord()));
      }
      if (!throughput.isEmpty()) {
        out.printf(
            "  → paired rounds, SASL ÷ plain (median, spread): worker + broker CPU per record %s"
                + " (%s), worker CPU %s (%s), broker CPU %s (%s); throughput %s (%s)%n",
            ratio(Results.median(bothCpu)),
            spread(bothCpu),
            ratio(Results.median(workerCpu)),
            spread(workerCpu),
            ratio(Results.median(brokerCpu)),
            spread(brokerCpu),
            ratio(Results.median(throughput)),
            spread(throughput));
      }
    }
  }

  private static OptionalDouble leastBrokerCpu(List<ThroughputResult> rounds) {
    return rounds.stream()
        .filter(r -> r.verdict().ok() && r.brokerCpuMicrosPerRecord() > 0)
        .mapToDouble(ThroughputResult::brokerCpuMicrosPerRecord)
        .min();
  }

  private static String micros(OptionalDouble value) {
    return value.isPresent() ? String.format("%.1f µs", value.getAsDouble()) : "-";
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
    out.println("Every round (records/s, CPU per record of the contender and of the broker):");
    for (Scenario scenario : setup.options().scenarios()) {
      List<Contender> all = new ArrayList<>(WorkerBenchmark.MAIN_CONTENDERS);
      if (scenario == Scenario.FILTER_SELECT) {
        all.addAll(WorkerBenchmark.GUARANTEE_CONTENDERS);
      }
      for (Contender contender : all) {
        printRounds(out, scenario, contender, "", results.rounds(scenario, contender));
      }
      Contender worker = WorkerBenchmark.WORKER;
      printRounds(
          out, scenario, worker, ", plain broker", saslCost.plain().rounds(scenario, worker));
      printRounds(
          out, scenario, worker, ", SASL/SCRAM broker", saslCost.sasl().rounds(scenario, worker));
    }
  }

  private static void printRounds(
      PrintStream out,
      Scenario scenario,
      Contender contender,
      String where,
      List<ThroughputResult> rounds) {
    if (rounds.isEmpty()) {
      return;
    }
    out.printf(
        "  %s, %s [%s]%s: %s%n",
        scenario.title(),
        contender.label(scenario),
        contender.guarantee().label(),
        where,
        rounds.stream()
            .map(
                r ->
                    String.format(
                        "%,.0f (%.1f µs CPU, broker %.1f µs)",
                        r.recordsPerSecond(), r.cpuMicrosPerRecord(), r.brokerCpuMicrosPerRecord()))
            .collect(Collectors.joining(" / ")));
  }

  void printVerdict(PrintStream out) {
    out.println();
    Contender hand = contender(Contender.Kind.HAND_WRITTEN, Guarantee.EXACTLY_ONCE);
    Contender raw = contender(Contender.Kind.RAW, Guarantee.EXACTLY_ONCE);
    Contender worker = WorkerBenchmark.WORKER;
    List<String> cpu = new ArrayList<>();
    List<String> throughput = new ArrayList<>();
    List<String> tails = new ArrayList<>();
    for (Scenario scenario : setup.options().scenarios()) {
      List<Results.RoundRatio> paired = results.pairedRatios(scenario, worker, hand);
      List<Double> cpuRatios = paired.stream().map(r -> 1 / r.inverseCpu()).toList();
      List<Double> throughputRatios = paired.stream().map(Results.RoundRatio::throughput).toList();
      Results.median(cpuRatios)
          .ifPresent(
              median -> cpu.add(target(scenario, median, spread(cpuRatios), median <= CPU_TARGET)));
      Results.median(throughputRatios)
          .ifPresent(
              median ->
                  throughput.add(
                      target(
                          scenario,
                          median,
                          spread(throughputRatios),
                          median >= THROUGHPUT_TARGET)));
      for (String phase : List.of(HALF, NINE_TENTHS)) {
        Optional<PhaseLatency> base = results.latency(scenario, hand).flatMap(l -> l.phase(phase));
        Optional<PhaseLatency> own = results.latency(scenario, worker).flatMap(l -> l.phase(phase));
        Optional<PhaseLatency> same =
            results
                .latency(scenario, worker)
                .flatMap(l -> l.phase(phase.equals(HALF) ? HAND_HALF : HAND_NINE_TENTHS));
        if (own.isPresent() && base.isPresent()) {
          List<Double> ownRatios = results.pairedP99Ratios(scenario, worker, phase, hand, phase);
          List<Double> sameRatios =
              results.pairedP99Ratios(
                  scenario, worker, phase.equals(HALF) ? HAND_HALF : HAND_NINE_TENTHS, hand, phase);
          String sameRate =
              same.map(
                      s ->
                          String.format(
                              ", at the hand-written app's rates %,d ms%s",
                              s.p99Millis(), pairedTail(sameRatios)))
                  .orElse("");
          tails.add(
              String.format(
                  "%s at %s: hand-written %,d ms; worker %,d ms%s%s",
                  scenario.title(),
                  phase,
                  base.get().p99Millis(),
                  own.get().p99Millis(),
                  pairedTail(ownRatios),
                  sameRate));
        } else if (setup.options().latency() && phase.equals(HALF)) {
          tails.add(scenario.title() + ": not compared, " + noTail(scenario, hand, worker));
        }
      }
    }
    if (!cpu.isEmpty()) {
      out.println(
          "Targets, by the medians of the paired rounds (spread: the lowest and highest round):");
      out.printf(
          "  CPU per record, worker ÷ hand-written, at most %.2f: %s%n",
          CPU_TARGET, String.join("; ", cpu));
      out.printf(
          "  throughput, worker ÷ hand-written, at least %.2f: %s%n",
          THROUGHPUT_TARGET, String.join("; ", throughput));
    }
    if (!tails.isEmpty()) {
      out.println(
          "  p99 latency at 50% and 90% of each one's sustainable rate, worker no worse than"
              + " hand-written (medians of the rounds; the paired median of worker ÷ hand-written"
              + " at most 1.00, with its spread): "
              + String.join("; ", tails));
    }
    List<Double> rawRatios =
        results.pairedRatios(Scenario.FILTER_SELECT, worker, raw).stream()
            .map(Results.RoundRatio::throughput)
            .toList();
    Results.median(rawRatios)
        .ifPresent(
            median ->
                out.printf(
                    "  throughput, worker ÷ %s on %s, at least %.2f: %s%n",
                    raw.label(Scenario.FILTER_SELECT),
                    Scenario.FILTER_SELECT.title(),
                    RAW_TARGET,
                    target(null, median, spread(rawRatios), median >= RAW_TARGET)));
    double shortest = results.shortestInterval(List.of(hand, worker), setup.options());
    if (shortest > 0 && shortest < RELIABLE_INTERVAL_SECONDS) {
      out.printf(
          "  Note: the shortest measured interval was %.1f s; below %d s a round's figures move by"
              + " more than the differences the targets are about (raise --records).%n",
          shortest, RELIABLE_INTERVAL_SECONDS);
    }
    List<String> wrong = results.wrongOutputs();
    if (wrong.isEmpty()) {
      out.println("Every contender's output was complete and right.");
    } else {
      out.println("WRONG OUTPUT (the benchmark fails):");
      wrong.forEach(w -> out.println("  " + w));
    }
  }

  /**
   * The paired verdict on p99: the median of the rounds' worker ÷ hand-written ratios, met when at
   * most 1.
   */
  private static String pairedTail(List<Double> ratios) {
    return Results.median(ratios).stream()
        .mapToObj(median -> ", paired " + target(null, median, spread(ratios), median <= 1.0))
        .findFirst()
        .orElse(", not paired");
  }

  /** Why a scenario has no latency comparison: which contender had no sustainable rate. */
  private String noTail(Scenario scenario, Contender hand, Contender worker) {
    List<String> without = new ArrayList<>();
    for (Contender contender : List.of(hand, worker)) {
      if (results.sustainable(scenario, contender).filter(SustainableRate::found).isEmpty()) {
        without.add(contender.label(scenario));
      }
    }
    return without.isEmpty()
        ? "a latency run's output was wrong"
        : String.join(" and ", without)
            + " kept pace with no probe (no sustainable rate to set the load from)";
  }

  private static String target(Scenario scenario, double median, String spread, boolean met) {
    return String.format(
        "%s%.2f (%s) %s",
        scenario == null ? "" : scenario.title() + " ", median, spread, met ? "met" : "missed");
  }

  private static String spread(List<Double> ratios) {
    return String.format(
        "%.2f–%.2f",
        ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0));
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

  private static String sustainableCell(SustainableRate sustainable) {
    if (!sustainable.verdict().ok()) {
      return "WRONG";
    }
    return sustainable.found()
        ? String.format("%,.0f", sustainable.recordsPerSecond())
        : "<" + SustainableRate.PROBE_PERCENTS.getFirst() + "%";
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
