package dev.tributary.benchmarks.measure;

import dev.tributary.benchmarks.Scenario;
import dev.tributary.benchmarks.contender.Contender;
import dev.tributary.benchmarks.data.TransactionData;

/**
 * What a correct contender writes for the transactions it read, so that a broken contender cannot
 * look fast: an exact record count, or for windowed results the number of windows (when known) and
 * the transactions they count.
 *
 * @param records the exact number of output records, or -1 when the count varies (windowed updates
 *     are merged by Kafka Streams' record cache)
 * @param windowResults the number of distinct (card, window) results, or -1 when not known
 * @param windowTransactions the sum of the final counts of all windows, or -1 if not windowed
 */
public record Expectation(long records, long windowResults, long windowTransactions) {

  /**
   * @param read how many transactions the contender read, cycling through the data
   * @param wholeBacklog whether it read exactly the loaded backlog, whose windows are known
   */
  public static Expectation of(
      Scenario scenario,
      Contender.Kind kind,
      TransactionData data,
      long read,
      boolean wholeBacklog) {
    if (scenario == Scenario.FILTER_SELECT) {
      return new Expectation(data.passingFilter(read), -1, -1);
    }
    if (kind == Contender.Kind.RAW) {
      return new Expectation(read, -1, -1);
    }
    if (scenario == Scenario.CARD_ENRICHMENT) {
      return new Expectation(data.joining(read), -1, -1);
    }
    return new Expectation(-1, wholeBacklog ? data.cardWindows() : -1, read);
  }

  /** Whether the output holds windowed results whose counts must be read. */
  public static boolean windowed(Scenario scenario, Contender.Kind kind) {
    return scenario == Scenario.WINDOWED_TOTALS && kind != Contender.Kind.RAW;
  }

  public boolean windowed() {
    return windowTransactions >= 0;
  }

  public boolean metBy(OutputTally tally) {
    return check(tally).ok();
  }

  public Verdict check(OutputTally tally) {
    if (tally.unreadable() > 0) {
      return Verdict.wrong(tally.unreadable() + " output records are not window results");
    }
    if (records >= 0 && tally.records() != records) {
      return Verdict.wrong("expected " + records + " output records, got " + tally.records());
    }
    if (windowResults >= 0 && tally.windowResults() != windowResults) {
      return Verdict.wrong("expected " + windowResults + " windows, got " + tally.windowResults());
    }
    if (windowTransactions >= 0 && tally.windowTransactions() != windowTransactions) {
      return Verdict.wrong(
          "expected windows counting "
              + windowTransactions
              + " transactions, got "
              + tally.windowTransactions());
    }
    return Verdict.ok(
        windowed()
            ? tally.windowResults()
                + " windows counting "
                + tally.windowTransactions()
                + " transactions"
            : tally.records() + " records");
  }
}
