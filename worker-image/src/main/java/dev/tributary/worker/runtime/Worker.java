package dev.tributary.worker.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running pipeline replica: a Kafka Streams client with its listeners, metrics and endpoints.
 * {@link #close()} shuts down gracefully: stream threads commit and leave the group, so a
 * replacement replica takes over without waiting for a session timeout.
 */
public final class Worker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** Thread failures tolerated in {@link #FAILURE_WINDOW} before the whole client stops. */
  static final int MAX_THREAD_REPLACEMENTS = 3;

  static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry metrics;
  private final WorkerEndpoints endpoints;
  private final StateReporter reporter;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<WorkerState.ErrorReport> lastError = new AtomicReference<>();
  private final Deque<Instant> recentFailures = new ArrayDeque<>();

  public Worker(
      ValidatedPipeline pipeline,
      Topology topology,
      Properties config,
      int httpPort,
      LongSupplier deadLettered,
      Supplier<Object> explain)
      throws IOException {
    streams = new KafkaStreams(topology, config);
    RestoreProgress restores = new RestoreProgress();
    streams.setGlobalStateRestoreListener(restores);
    streams.setStandbyUpdateListener(restores);
    streams.setUncaughtExceptionHandler(this::onUncaught);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("pipeline {}: {} -> {}", pipeline.name(), before, now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics
        .config()
        .commonTags("pipeline", pipeline.name(), "team", String.valueOf(pipeline.team()));
    new KafkaStreamsMetrics(streams).bindTo(metrics);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    Gauge.builder("tributary.dead.lettered.records", deadLettered::getAsLong)
        .description("Records sent to the dead-letter topic since this worker started")
        .register(metrics);
    reporter =
        new StateReporter(
            pipeline.name(),
            pipeline.applicationId(),
            streams,
            restores,
            deadLettered,
            lastError,
            pipeline.spec().sinks().stream()
                .map(SinkSpec::topic)
                .collect(Collectors.toUnmodifiableSet()));
    ObjectMapper json = PipelineMapper.json();
    endpoints = new WorkerEndpoints(httpPort, streams, metrics, reporter::report, explain, json);
  }

  public void start() {
    streams.start();
  }

  public WorkerState state() {
    return reporter.report();
  }

  public KafkaStreams.State streamsState() {
    return streams.state();
  }

  public int httpPort() {
    return endpoints.port();
  }

  /** Blocks until the Kafka Streams client has stopped, by close or by a fatal error. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private synchronized StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onUncaught(
      Throwable error) {
    Instant now = Instant.now();
    lastError.set(
        new WorkerState.ErrorReport(
            now.toString(), Thread.currentThread().getName(), String.valueOf(error)));
    recentFailures.addLast(now);
    while (!recentFailures.isEmpty()
        && recentFailures.peekFirst().isBefore(now.minus(FAILURE_WINDOW))) {
      recentFailures.removeFirst();
    }
    // A thread that fails now and then (a broker restart, a fenced producer) is replaced; one
    // that keeps failing stops the client, so the process exits and its supervisor shows it.
    if (recentFailures.size() > MAX_THREAD_REPLACEMENTS) {
      LOG.error(
          "stream thread failed {} times in {}; stopping",
          recentFailures.size(),
          FAILURE_WINDOW,
          error);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.warn("stream thread failed; replacing it", error);
    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  @Override
  public void close() {
    streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
    endpoints.close();
    metrics.close();
    stopped.countDown();
  }
}
