package dev.tributary.worker.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Records written to the pipeline's sink topics, read from the producers' own per-topic counters
 * ({@code producer-topic-metrics}, {@code record-send-total}, recorded at the default INFO level):
 * the worker counts nothing per record itself.
 *
 * <p>Offsets cannot give this figure under exactly-once: every committed transaction also writes a
 * marker to each partition it touched, so end offsets run ahead of the records (about one and a
 * half times the records at a hundred records a second). A producer's counter goes with its
 * producer when Kafka Streams replaces a stream thread; what it had counted is kept here, so the
 * total never decreases while the process lives. Records of a transaction that a crash aborts are
 * counted when sent, and again when the replacement worker processes their input.
 */
final class SinkRecordCount {

  static final String GROUP = "producer-topic-metrics";
  static final String NAME = "record-send-total";

  private final Set<String> sinkTopics;
  private final Map<MetricName, Long> lastSeen = new HashMap<>();
  private long retired;

  SinkRecordCount(Set<String> sinkTopics) {
    this.sinkTopics = Set.copyOf(sinkTopics);
  }

  /** The total so far; called with the client's current metrics, by one thread at a time. */
  long count(Map<MetricName, ? extends Metric> metrics) {
    Map<MetricName, Long> seen = new HashMap<>();
    long live = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      if (!NAME.equals(name.name())
          || !GROUP.equals(name.group())
          || !sinkTopics.contains(name.tags().get("topic"))) {
        continue;
      }
      long value = entry.getValue().metricValue() instanceof Number n ? (long) n.doubleValue() : 0L;
      seen.put(name, value);
      live += value;
    }
    for (Map.Entry<MetricName, Long> gone : lastSeen.entrySet()) {
      if (!seen.containsKey(gone.getKey())) {
        retired += gone.getValue();
      }
    }
    lastSeen.clear();
    lastSeen.putAll(seen);
    return retired + live;
  }
}
