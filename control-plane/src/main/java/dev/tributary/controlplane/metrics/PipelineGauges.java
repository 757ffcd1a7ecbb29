package dev.tributary.controlplane.metrics;

import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.status.StatusTotals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The deploy target's measurements as Prometheus gauges at {@code /q/metrics}: per pipeline, tagged
 * {@code team} and {@code pipeline} — never per partition or per worker, so the number of series
 * grows with the pipelines only — and platform totals. Refreshed from {@link
 * DeployTarget#statuses()} every ten seconds, the local runtime's collection interval; a pipeline
 * that is deleted loses its series at the next refresh, and a value the target does not know is
 * left out rather than exported as zero. Metric names: docs/operations.md.
 */
@ApplicationScoped
public class PipelineGauges {

  static final Duration REFRESH = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(PipelineGauges.class);

  /** Lag status as a number, so that alerts can compare: worse is higher. */
  static double lagStatusCode(String status) {
    return switch (status) {
      case "OK" -> 0;
      case "GROWING" -> 2;
      case "STALLED" -> 3;
      case "STOPPED" -> 4;
      default -> 1; // UNKNOWN: fewer than three samples
    };
  }

  private record PerPipeline(MultiGauge gauge, Function<DeploymentStatus, Number> value) {}

  @Inject MeterRegistry registry;
  @Inject DeployTarget target;

  private final List<PerPipeline> perPipeline = new ArrayList<>();
  private MultiGauge phases;
  private volatile StatusTotals totals;
  private ScheduledExecutorService refreshing;

  void onStart(@Observes StartupEvent event) {
    pipelineGauge(
        "tributary.pipeline.lag.records",
        "Consumer lag summed over the input partitions",
        s -> s.lag() == null ? null : s.lag().totalRecords());
    pipelineGauge(
        "tributary.pipeline.lag.seconds",
        "How far behind in time (largest partition)",
        s -> s.lag() == null ? null : s.lag().lagSeconds());
    pipelineGauge(
        "tributary.pipeline.lag.status",
        "Lag status: 0 OK, 1 UNKNOWN, 2 GROWING, 3 STALLED, 4 STOPPED",
        s -> s.lag() == null ? null : lagStatusCode(s.lag().status()));
    pipelineGauge(
        "tributary.pipeline.records.in.per.second",
        "Records consumed per second",
        s -> s.throughput() == null ? null : s.throughput().inRecordsPerSecond());
    pipelineGauge(
        "tributary.pipeline.records.out.per.second",
        "Records written to the sinks per second",
        s -> s.throughput() == null ? null : s.throughput().outRecordsPerSecond());
    pipelineGauge(
        "tributary.pipeline.replicas.desired",
        "Workers that should run",
        s -> s.replicas() == null ? null : s.replicas().desired());
    pipelineGauge(
        "tributary.pipeline.replicas.ready",
        "Workers whose Kafka Streams client is RUNNING",
        s -> s.replicas() == null ? null : s.replicas().ready());
    pipelineGauge(
        "tributary.pipeline.restarts", "Worker restarts after crashes", DeploymentStatus::restarts);
    pipelineGauge(
        "tributary.pipeline.state.stores.restoring",
        "State stores restoring from their changelog",
        s -> s.stateStores().stream().filter(store -> "restoring".equals(store.state())).count());
    pipelineGauge(
        "tributary.pipeline.dead.lettered.records",
        "Records sent to the dead-letter topic",
        DeploymentStatus::deadLetteredRecords);
    phases =
        MultiGauge.builder("tributary.platform.pipelines")
            .description("Pipelines the deploy target runs, by phase")
            .register(registry);
    platformGauge(
        "tributary.platform.lag.records",
        "Consumer lag over every pipeline",
        StatusTotals::lagRecords);
    platformGauge(
        "tributary.platform.records.in.per.second",
        "Records consumed per second, every pipeline",
        StatusTotals::inRecordsPerSecond);
    platformGauge(
        "tributary.platform.records.out.per.second",
        "Records written per second, every pipeline",
        StatusTotals::outRecordsPerSecond);
    platformGauge(
        "tributary.platform.replicas.desired",
        "Workers that should run",
        StatusTotals::desiredReplicas);
    platformGauge(
        "tributary.platform.replicas.ready", "Workers ready", StatusTotals::readyReplicas);
    platformGauge(
        "tributary.platform.restarts", "Worker restarts after crashes", StatusTotals::restarts);
    platformGauge(
        "tributary.platform.state.store.bytes",
        "State on disk, every store and replica",
        StatusTotals::stateStoreBytes);
    platformGauge(
        "tributary.platform.state.stores.restoring",
        "State stores restoring",
        StatusTotals::storesRestoring);
    platformGauge(
        "tributary.platform.pipelines.need.attention",
        "Pipelines failed, degraded, or with lag growing, stalled or stopped",
        t -> t.needAttention().size());
    refreshing =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tributary-gauges").factory());
    refreshing.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (refreshing != null) {
      refreshing.shutdownNow();
    }
  }

  void refresh() {
    try {
      Map<PipelineRef, DeploymentStatus> statuses = target.statuses();
      for (PerPipeline metric : perPipeline) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        statuses.forEach(
            (ref, status) -> {
              Number value = metric.value().apply(status);
              if (value != null) {
                rows.add(
                    MultiGauge.Row.of(Tags.of("team", ref.team(), "pipeline", ref.name()), value));
              }
            });
        metric.gauge().register(rows, true);
      }
      StatusTotals now = StatusTotals.of(statuses);
      totals = now;
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      now.phases()
          .forEach((phase, count) -> rows.add(MultiGauge.Row.of(Tags.of("phase", phase), count)));
      phases.register(rows, true);
    } catch (RuntimeException e) {
      LOG.warnf("could not refresh the pipeline gauges: %s", e.toString());
    }
  }

  /** A platform total; NaN (Prometheus: no value) while it is unknown, never a made-up zero. */
  private void platformGauge(
      String name, String description, Function<StatusTotals, Number> value) {
    Gauge.builder(
            name,
            this,
            gauges -> {
              StatusTotals t = gauges.totals;
              Number v = t == null ? null : value.apply(t);
              return v == null ? Double.NaN : v.doubleValue();
            })
        .description(description)
        .register(registry);
  }

  private void pipelineGauge(
      String name, String description, Function<DeploymentStatus, Number> value) {
    perPipeline.add(
        new PerPipeline(
            MultiGauge.builder(name).description(description).register(registry), value));
  }
}
