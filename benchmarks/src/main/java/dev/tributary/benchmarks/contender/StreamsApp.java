package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.measure.CommitTimes;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/** A Kafka Streams client running a topology in this JVM: the hand-written app or the worker. */
final class StreamsApp implements RunningContender {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final String applicationId;
  private final LongSupplier deadLettered;
  private final CountDownLatch running = new CountDownLatch(1);
  private final AtomicLong readyAtMillis = new AtomicLong();
  private final AtomicReference<String> crash = new AtomicReference<>();

  private StreamsApp(Topology topology, Properties config, LongSupplier deadLettered) {
    this.streams = new KafkaStreams(topology, config);
    this.applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    this.deadLettered = deadLettered;
  }

  /**
   * Starts the client and returns once it is running.
   *
   * @param deadLettered how many records the topology dead-lettered so far
   */
  static StreamsApp start(Topology topology, Properties config, LongSupplier deadLettered) {
    StreamsApp app = new StreamsApp(topology, config, deadLettered);
    app.streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING && app.readyAtMillis.get() == 0) {
            app.readyAtMillis.set(System.currentTimeMillis());
            app.running.countDown();
          }
        });
    app.streams.setUncaughtExceptionHandler(
        e -> {
          app.crash.compareAndSet(null, e.toString());
          app.running.countDown();
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    app.streams.start();
    try {
      if (!app.running.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        app.close();
        throw new IllegalStateException(
            app.applicationId + " did not start within " + STARTUP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      app.close();
      throw new IllegalStateException("interrupted while starting " + app.applicationId, e);
    }
    return app;
  }

  @Override
  public String groupId() {
    return applicationId;
  }

  @Override
  public long readyAtMillis() {
    return readyAtMillis.get();
  }

  @Override
  public Optional<String> failure() {
    if (crash.get() != null) {
      return Optional.of(applicationId + " failed: " + crash.get());
    }
    long dead = deadLettered.getAsLong();
    return dead == 0
        ? Optional.empty()
        : Optional.of(applicationId + " dead-lettered " + dead + " records");
  }

  @Override
  public CommitTimes commitTimes() {
    return CommitTimes.of(streams.metrics());
  }

  @Override
  public void close() {
    streams.close(CLOSE_TIMEOUT);
    streams.cleanUp();
  }
}
