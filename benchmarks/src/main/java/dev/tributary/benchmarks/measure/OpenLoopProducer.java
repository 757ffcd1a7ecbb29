package dev.tributary.benchmarks.measure;

import dev.tributary.benchmarks.Cluster;
import dev.tributary.benchmarks.data.TransactionData;
import dev.tributary.runtime.kafka.SendFailures;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the data's transactions at the schedule's rates, cycling through them, whatever the
 * contender does (open loop). Each record's timestamp is the time it was due, not the time it was
 * sent, so that a send delayed by a busy machine still counts its delay as latency (no coordinated
 * omission).
 */
final class OpenLoopProducer {

  private OpenLoopProducer() {}

  /** Sends the whole schedule; returns per phase the records sent and the worst send delay. */
  static PhaseLoad[] run(
      Cluster cluster, String topic, TransactionData data, LoadSchedule schedule, long startNanos) {
    PhaseLoad[] loads = new PhaseLoad[schedule.phases().size()];
    // A lost input record would show as a contender's missing output: the run stops instead.
    SendFailures failures = new SendFailures();
    try (Producer<byte[], byte[]> producer = producer(cluster)) {
      long sent = 0;
      long phaseStartNanos = startNanos;
      for (int p = 0; p < loads.length; p++) {
        Phase phase = schedule.phases().get(p);
        double intervalNanos = 1e9 / phase.recordsPerSecond();
        long count = Math.round(phase.recordsPerSecond() * phase.duration().toNanos() / 1e9);
        long worstDelayNanos = 0;
        for (long k = 0; k < count; k++) {
          long due = phaseStartNanos + (long) (k * intervalNanos);
          long now = System.nanoTime();
          while (now < due) {
            LockSupport.parkNanos(due - now);
            now = System.nanoTime();
          }
          worstDelayNanos = Math.max(worstDelayNanos, now - due);
          long timestamp = schedule.startMillis() + (due - startNanos) / 1_000_000;
          int i = (int) (sent % data.count());
          producer.send(
              new ProducerRecord<>(topic, null, timestamp, data.key(i), data.value(i)), failures);
          sent++;
        }
        failures.check();
        loads[p] = new PhaseLoad(count, worstDelayNanos / 1_000_000);
        phaseStartNanos += phase.duration().toNanos();
      }
      producer.flush();
    }
    failures.check();
    return loads;
  }

  private static Producer<byte[], byte[]> producer(Cluster cluster) {
    return new KafkaProducer<>(
        cluster.clientConfig(
            Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                "tributary-benchmark-load",
                ProducerConfig.LINGER_MS_CONFIG,
                5)),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** What was sent in one phase; {@code worstDelayMillis} says whether the sender kept pace. */
  record PhaseLoad(long records, long worstDelayMillis) {}
}
