package dev.tributary.runtime.metrics;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Records per second from two readings of offsets: the sum of per-partition advances divided by the
 * time between the readings. Only partitions present in both readings count, so a partition that
 * appears (a topic grew) adds no spike, and an offset that went back (a group reset) counts as zero
 * rather than a negative rate.
 *
 * <p>Under exactly-once, transaction markers take offsets too, so the rate slightly overstates
 * records: one marker per partition and commit.
 */
public final class OffsetRate {

  private OffsetRate() {}

  public static double recordsPerSecond(
      Map<TopicPartition, Long> before, Map<TopicPartition, Long> after, Duration between) {
    if (between.isZero() || between.isNegative()) {
      return 0;
    }
    long advanced = 0;
    for (Map.Entry<TopicPartition, Long> entry : after.entrySet()) {
      Long previous = before.get(entry.getKey());
      if (previous != null && entry.getValue() > previous) {
        advanced += entry.getValue() - previous;
      }
    }
    return advanced / (between.toNanos() / 1e9);
  }
}
