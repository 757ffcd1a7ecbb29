package dev.tributary.benchmarks.data;

/** The topics every contender reads; names inside the benchmark team's prefix {@code bench.}. */
public final class Topics {

  public static final String TRANSACTIONS = "bench.transactions";
  public static final String CARDS = "bench.cards";

  private Topics() {}
}
