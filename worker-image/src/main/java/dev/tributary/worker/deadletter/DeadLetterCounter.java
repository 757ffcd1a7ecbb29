package dev.tributary.worker.deadletter;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dead-lettered records per step, across every stream thread of this process, for the worker's
 * metrics endpoint. Kafka Streams' own metrics carry the same count as the sensor {@code
 * dead-letter} (see {@link DeadLetterRecordProcessor}).
 */
public final class DeadLetterCounter {

  private final Map<String, LongAdder> byStep = new ConcurrentHashMap<>();

  void increment(String step) {
    byStep.computeIfAbsent(step, s -> new LongAdder()).increment();
  }

  public long total() {
    return byStep.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Count per step, sorted by step name. */
  public Map<String, Long> byStep() {
    Map<String, Long> counts = new TreeMap<>();
    byStep.forEach((step, count) -> counts.put(step, count.sum()));
    return counts;
  }
}
