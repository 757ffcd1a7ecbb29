package dev.tributary.benchmarks.validation;

import dev.tributary.pipeline.validation.DocumentSyntax;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How long the validator takes on the largest pipeline it accepts, and on the shape that was slow
 * before its limits (docs/benchmarks.md, "Validation"). Validates each document again and again for
 * a while, on this thread, and prints the median and 99th percentile of wall-clock time and the
 * median CPU time per validation.
 *
 * <p>Cold: each validation gets a document whose expressions differ from every earlier one (a
 * literal changes), so that nothing comes from the validator's cache of expression checks, as for a
 * pipeline submitted for the first time. Warm: the same document each time, as when the worker
 * validates what the API has just accepted.
 */
public final class ValidationBenchmark {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final ValidationContext PAYMENTS = ValidationContext.forTeam("payments");

  /** Validations of one figure are spread over at least this long. */
  private final long seconds;

  private ValidationBenchmark(long seconds) {
    this.seconds = seconds;
  }

  public static void main(String[] args) {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
    new ValidationBenchmark(seconds).run();
  }

  private void run() {
    System.out.printf(
        "validation benchmark: %d cores, load average %.2f, %s%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.vendor") + " " + Runtime.version());
    System.out.println(
        "largest accepted pipeline: " + LargestPipeline.describe(LargestPipeline.json(0)));
    // The JIT compiles the validator and CEL before anything is measured.
    measure("warm-up", LargestPipeline::json, true, Math.max(3, seconds / 3), false);

    System.out.println();
    System.out.printf(
        "%-46s %8s %8s %8s %8s %8s%n", "document", "runs", "median", "p99", "max", "CPU med");
    measure("largest accepted pipeline, cold", LargestPipeline::json, true, seconds, true);
    measure(
        "largest accepted pipeline, warm",
        variant -> LargestPipeline.json(-1),
        true,
        seconds,
        true);
    for (int branches : new int[] {1_000, 10_000, 20_000}) {
      measure(
          String.format("branch step with %,d branches (refused)", branches),
          variant -> LargestPipeline.branches(branches, variant),
          false,
          Math.max(2, seconds / 3),
          true);
    }
  }

  /**
   * Validates documents made by {@code documents} (given a new variant each time) for {@code
   * seconds}, checking each result, and prints the figures when {@code report}.
   */
  private void measure(
      String name, IntFunction<String> documents, boolean valid, long seconds, boolean report) {
    List<Long> wall = new ArrayList<>();
    List<Long> cpu = new ArrayList<>();
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    for (int variant = 1; System.nanoTime() < until || wall.size() < 5; variant++) {
      // Documents are made outside the measured time.
      String document = documents.apply(variant);
      long cpuStarted = THREADS.getCurrentThreadCpuTime();
      long started = System.nanoTime();
      ValidationResult result = PipelineValidator.validate(document, DocumentSyntax.JSON, PAYMENTS);
      wall.add(System.nanoTime() - started);
      cpu.add(THREADS.getCurrentThreadCpuTime() - cpuStarted);
      if (result.isValid() != valid) {
        throw new IllegalStateException(
            name
                + ": expected the document to be "
                + (valid ? "valid" : "refused")
                + ", got "
                + result.errors().stream().limit(5).toList());
      }
    }
    if (report) {
      long[] sortedWall = sorted(wall);
      System.out.printf(
          "%-46s %8d %8s %8s %8s %8s%n",
          name,
          wall.size(),
          millis(percentile(sortedWall, 50)),
          millis(percentile(sortedWall, 99)),
          millis(sortedWall[sortedWall.length - 1]),
          millis(percentile(sorted(cpu), 50)));
    }
  }

  private static long[] sorted(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** The nearest-rank percentile. */
  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static String millis(long nanos) {
    return String.format("%.1f ms", nanos / 1e6);
  }
}
