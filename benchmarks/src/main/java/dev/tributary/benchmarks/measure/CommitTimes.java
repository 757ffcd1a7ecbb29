package dev.tributary.benchmarks.measure;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Where a Streams contender's commits spent their time, as its clients count it (cumulative
 * totals): how many commits its stream threads made, and how long its producers spent flushing
 * records out, adding the consumed offsets to a transaction and committing transactions. The stream
 * thread waits through each of these, so their sum over the measured time is the share of the run
 * that committing took.
 *
 * @param commits commits of the stream threads ({@code commit-total})
 * @param flushNanos producer {@code flush} (at-least-once commits flush; a transaction's commit
 *     flushes inside {@code commitTransaction})
 * @param sendOffsetsNanos {@code sendOffsetsToTransaction}
 * @param commitTransactionNanos {@code commitTransaction}: the remaining sends, then the
 *     coordinator writes the transaction markers
 */
public record CommitTimes(
    long commits, long flushNanos, long sendOffsetsNanos, long commitTransactionNanos) {

  public static final CommitTimes NONE = new CommitTimes(0, 0, 0, 0);

  /** The totals in a Kafka Streams client's metrics (its threads' and producers' together). */
  public static CommitTimes of(Map<MetricName, ? extends Metric> metrics) {
    long commits = 0;
    long flush = 0;
    long sendOffsets = 0;
    long commitTransaction = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      String group = name.group();
      if (group.equals("stream-thread-metrics") && name.name().equals("commit-total")) {
        commits += value(entry.getValue());
      } else if (group.equals("producer-metrics")) {
        switch (name.name()) {
          case "flush-time-ns-total" -> flush += value(entry.getValue());
          case "txn-send-offsets-time-ns-total" -> sendOffsets += value(entry.getValue());
          case "txn-commit-time-ns-total" -> commitTransaction += value(entry.getValue());
          default -> {}
        }
      }
    }
    return new CommitTimes(commits, flush, sendOffsets, commitTransaction);
  }

  private static long value(Metric metric) {
    return metric.metricValue() instanceof Number number ? (long) number.doubleValue() : 0;
  }

  /** What happened between {@code earlier} and this. */
  public CommitTimes since(CommitTimes earlier) {
    return new CommitTimes(
        commits - earlier.commits,
        flushNanos - earlier.flushNanos,
        sendOffsetsNanos - earlier.sendOffsetsNanos,
        commitTransactionNanos - earlier.commitTransactionNanos);
  }

  /** Time spent committing, all parts together. */
  public long nanos() {
    return flushNanos + sendOffsetsNanos + commitTransactionNanos;
  }

  /** Milliseconds per commit; 0 without commits. */
  public double millisPerCommit() {
    return commits == 0 ? 0 : nanos() / 1e6 / commits;
  }
}
