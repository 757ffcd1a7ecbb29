package dev.tributary.runtime.kafka;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The callback for every send of a producer that must not lose records silently: it remembers the
 * first failure and counts the failures, and {@link #check()} turns them into an exception with the
 * first cause. A writer calls {@code check()} as it goes, and after {@code flush()}, so a failed
 * send stops it at once instead of surfacing as missing records minutes later.
 *
 * <p>One instance serves every send of a producer: it allocates nothing per record.
 */
public final class SendFailures implements Callback {

  private final AtomicReference<Exception> first = new AtomicReference<>();
  private final AtomicLong failed = new AtomicLong();

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      first.compareAndSet(null, exception);
      failed.incrementAndGet();
    }
  }

  /** How many sends have failed so far. */
  public long failed() {
    return failed.get();
  }

  /**
   * Throws if any send has failed so far.
   *
   * @throws KafkaException with the first failure as its cause
   */
  public void check() {
    Exception cause = first.get();
    if (cause != null) {
      throw new KafkaException(
          failed.get() + " record(s) could not be written; the first failure: " + cause, cause);
    }
  }
}
