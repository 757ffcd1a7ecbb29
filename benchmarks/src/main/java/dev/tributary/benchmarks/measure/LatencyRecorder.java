package dev.tributary.benchmarks.measure;

import dev.tributary.benchmarks.Cluster;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads a contender's output as it is committed and records, per phase of the load, the time from
 * each output record's timestamp (the input's, which the producer set) to its consumption.
 */
final class LatencyRecorder implements AutoCloseable {

  /** Longest latency a histogram holds; longer ones are recorded as this. */
  private static final long MAX_MILLIS = TimeUnit.MINUTES.toMillis(10);

  /** A phase's opening and closing are this fraction of it each. */
  private static final int EDGE_PARTS = 5;

  private final Cluster cluster;
  private final String topic;
  private final LoadSchedule schedule;
  private final OutputTally tally;
  private final Histogram[] histograms;

  /** Per phase, the latencies of the records due in its first fifth and in its last fifth. */
  private final Histogram[] openings;

  private final Histogram[] closings;
  private final long[] openingEnds;
  private final long[] closingStarts;
  private final Thread thread;
  private final AtomicReference<String> crash = new AtomicReference<>();
  private volatile boolean stopping;

  LatencyRecorder(Cluster cluster, String topic, LoadSchedule schedule, OutputTally tally) {
    this.cluster = cluster;
    this.topic = topic;
    this.schedule = schedule;
    this.tally = tally;
    int phases = schedule.phases().size();
    this.histograms = new Histogram[phases];
    this.openings = new Histogram[phases];
    this.closings = new Histogram[phases];
    this.openingEnds = new long[phases];
    this.closingStarts = new long[phases];
    for (int i = 0; i < phases; i++) {
      histograms[i] = new Histogram(MAX_MILLIS, 3);
      openings[i] = new Histogram(MAX_MILLIS, 3);
      closings[i] = new Histogram(MAX_MILLIS, 3);
      long start = schedule.phaseStartMillis(i);
      long fifth = schedule.phases().get(i).duration().toMillis() / EDGE_PARTS;
      openingEnds[i] = start + fifth;
      closingStarts[i] = start + (EDGE_PARTS - 1) * fifth;
    }
    this.thread = new Thread(this::consume, "latency-recorder-" + topic);
  }

  void start() {
    thread.start();
  }

  private void consume() {
    try (KafkaConsumer<byte[], byte[]> consumer = OutputConsumers.fromStart(cluster, topic)) {
      while (!stopping) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long latency = System.currentTimeMillis() - record.timestamp();
          tally.add(record);
          int phase = schedule.phaseOf(record.timestamp());
          if (phase >= 0 && schedule.phases().get(phase).measured()) {
            long value = Math.clamp(latency, 0, MAX_MILLIS);
            histograms[phase].recordValue(value);
            if (record.timestamp() < openingEnds[phase]) {
              openings[phase].recordValue(value);
            } else if (record.timestamp() >= closingStarts[phase]) {
              closings[phase].recordValue(value);
            }
          }
        }
      }
    } catch (RuntimeException e) {
      crash.compareAndSet(null, e.toString());
    }
  }

  /** The latencies of a phase; read after {@link #close()}. */
  Histogram histogram(int phase) {
    return histograms[phase];
  }

  /**
   * The latencies of the records due in the first fifth of a phase; read after {@link #close()}.
   */
  Histogram opening(int phase) {
    return openings[phase];
  }

  /** The latencies of the records due in the last fifth of a phase; read after {@link #close()}. */
  Histogram closing(int phase) {
    return closings[phase];
  }

  String failure() {
    return crash.get();
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
