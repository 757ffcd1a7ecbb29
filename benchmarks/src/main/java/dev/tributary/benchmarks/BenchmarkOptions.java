package dev.tributary.benchmarks;

import dev.tributary.benchmarks.contender.Contender;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to run. The defaults are the full benchmark (about 70 minutes on two cores); {@code --quick}
 * is a smoke run of a few minutes: a smaller backlog, one round, shorter latency phases.
 *
 * @param records transactions in the backlog
 * @param rounds throughput runs of each contender, alternating their order; the best counts
 * @param latencyPhase how long each measured latency phase lasts
 * @param probe how long each probe of the sustainable rate lasts: longer than a latency phase, so
 *     that a contender falling behind slowly shows it within the probe (in 10 s the median latency
 *     of one that processes 4 % less than the offered rate grows by less than the allowance)
 * @param latencyRounds latency runs of each Streams contender at its shares of the sustainable
 *     rate, alternating their order: one 10 s phase's p99 moves by a fifth from run to run here
 * @param warmUp open-loop load before the first measured phase, not recorded
 * @param handTuned the hand-written app also gets the worker's client tuning ({@code
 *     StreamsSettings.TUNING}), which by default it does not: its author would have to know it
 * @param contenderJvmOptions the options of the JVM each Streams contender runs its latency runs in
 *     (by default a worker's, as the local deploy target gives them)
 */
public record BenchmarkOptions(
    int records,
    int rounds,
    Duration latencyPhase,
    Duration probe,
    int latencyRounds,
    Duration warmUp,
    List<Scenario> scenarios,
    Set<Contender.Kind> kinds,
    boolean latency,
    boolean exactlyOnceCost,
    boolean saslCost,
    boolean handTuned,
    List<String> contenderJvmOptions) {

  /**
   * What the local deploy target gives a worker JVM ({@code tributary.local.worker-jvm-options}).
   */
  static final List<String> DEFAULT_CONTENDER_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

  static final String USAGE =
      """
      Usage: run-worker-benchmark.sh [options]
        --quick                 smoke run: 50,000 records, 1 round, 5 s latency phases
        --records N             transactions in the backlog (default 6,000,000: rounds of 10 s
                                or more for the Streams contenders on two cores)
        --rounds N              throughput runs per contender; the best counts (default 2)
        --latency-seconds N     length of each latency phase (default 10)
        --probe-seconds N       length of each probe of the sustainable rate (default 20)
        --latency-rounds N      latency runs per Streams contender, alternating their
                                order; medians and paired ratios count (default 3)
        --scenarios LIST        a,b,c or filter-select,windowed-totals,card-enrichment (default all)
        --contenders LIST       raw,hand,worker (default all)
        --no-latency            throughput only
        --no-eos-cost           skip the at-least-once / exactly-once comparison
        --no-sasl-cost          skip the worker on a broker with SASL/SCRAM and ACLs
        --hand-tuned            give the hand-written app the worker's client tuning too
        --contender-jvm OPTIONS the JVM options of each Streams contender's latency runs, one
                                string (default "%s", a worker's)
      """
          .formatted(String.join(" ", DEFAULT_CONTENDER_JVM_OPTIONS));

  static BenchmarkOptions parse(String... args) {
    int records = 6_000_000;
    int rounds = 2;
    Duration latencyPhase = Duration.ofSeconds(10);
    Duration probe = Duration.ofSeconds(20);
    int latencyRounds = 3;
    // Each latency run starts a fresh instance of the contender (new clients, a consumer group just
    // formed): with 3 s of warm-up the worker fell behind at 40 % of its backlog throughput and
    // kept
    // pace at 50 % right after.
    Duration warmUp = Duration.ofSeconds(10);
    List<Scenario> scenarios = List.of(Scenario.values());
    Set<Contender.Kind> kinds = EnumSet.allOf(Contender.Kind.class);
    boolean latency = true;
    boolean exactlyOnceCost = true;
    boolean saslCost = true;
    boolean handTuned = false;
    List<String> contenderJvmOptions = DEFAULT_CONTENDER_JVM_OPTIONS;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--quick" -> {
          records = 50_000;
          rounds = 1;
          latencyPhase = Duration.ofSeconds(5);
          probe = Duration.ofSeconds(5);
          latencyRounds = 1;
          warmUp = Duration.ofSeconds(2);
        }
        case "--records" -> records = positive(option, value(args, ++i));
        case "--rounds" -> rounds = positive(option, value(args, ++i));
        case "--latency-seconds" ->
            latencyPhase = Duration.ofSeconds(positive(option, value(args, ++i)));
        case "--probe-seconds" -> probe = Duration.ofSeconds(positive(option, value(args, ++i)));
        case "--latency-rounds" -> latencyRounds = positive(option, value(args, ++i));
        case "--scenarios" ->
            scenarios =
                Arrays.stream(value(args, ++i).split(","))
                    .map(Scenario::parse)
                    .distinct()
                    .sorted()
                    .toList();
        case "--contenders" -> kinds = kinds(value(args, ++i));
        case "--no-latency" -> latency = false;
        case "--no-eos-cost" -> exactlyOnceCost = false;
        case "--no-sasl-cost" -> saslCost = false;
        case "--hand-tuned" -> handTuned = true;
        case "--contender-jvm" -> contenderJvmOptions = jvmOptions(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    return new BenchmarkOptions(
        records,
        rounds,
        latencyPhase,
        probe,
        latencyRounds,
        warmUp,
        scenarios,
        kinds,
        latency,
        exactlyOnceCost,
        saslCost,
        handTuned,
        contenderJvmOptions);
  }

  private static List<String> jvmOptions(String text) {
    List<String> options =
        Arrays.stream(text.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    for (String option : options) {
      if (!option.startsWith("-")) {
        throw new IllegalArgumentException(
            "--contender-jvm takes JVM options, each starting with '-', got '" + option + "'");
      }
    }
    return options;
  }

  private static Set<Contender.Kind> kinds(String list) {
    Set<Contender.Kind> kinds = EnumSet.noneOf(Contender.Kind.class);
    for (String name : list.split(",")) {
      String wanted = name.trim().toLowerCase(Locale.ROOT);
      kinds.add(
          Arrays.stream(Contender.Kind.values())
              .filter(
                  k ->
                      k.shortName().equals(wanted)
                          || k.name().equalsIgnoreCase(wanted.replace('-', '_')))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no contender '" + name + "'; choose raw, hand or worker")));
    }
    return kinds;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static int positive(String option, String text) {
    try {
      int value = Integer.parseInt(text.replace("_", "").replace(",", ""));
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive number, got '" + text + "'");
  }
}
