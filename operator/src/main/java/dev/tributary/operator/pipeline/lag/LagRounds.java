package dev.tributary.operator.pipeline.lag;

import dev.tributary.pipeline.crd.LagSummary;
import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import dev.tributary.runtime.metrics.LagCollector;
import dev.tributary.runtime.metrics.MonitoredPipeline;
import dev.tributary.runtime.metrics.PipelineMetrics;
import dev.tributary.runtime.status.LagReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the lag of every deployed pipeline in one round per interval — runtime-core's {@link
 * LagCollector}: one batched reading of end offsets and committed offsets for all groups at once,
 * not one set of Admin calls per pipeline — and tells the reconciler of each pipeline whose lag
 * summary changed (an event source, so the reconciler never polls).
 *
 * <p>Sampling on a timer is right here: lag and rates are measured over time, there is no
 * Kubernetes event to wait for. The rounds run while the operator's controller runs, so only the
 * leader reads Kafka.
 */
public final class LagRounds<P extends HasMetadata> extends AbstractEventSource<Void, P> {

  private static final Logger LOG = LoggerFactory.getLogger(LagRounds.class);

  private record Watched(
      String group,
      Set<String> inputTopics,
      Set<String> outputTopics,
      PipelineMetrics metrics,
      LagSummary published)
      implements MonitoredPipeline {}

  private final LagCollector collector;
  private final Duration interval;
  private final Duration lagWindow;
  private final Map<ResourceID, Watched> watched = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService timer;

  public LagRounds(LagCollector collector, Duration interval, Duration lagWindow) {
    super(Void.class, "lag");
    this.collector = collector;
    this.interval = interval;
    this.lagWindow = lagWindow;
  }

  /**
   * Measures this pipeline from the next round on; a pipeline whose group and topics stay keeps
   * what was measured of it.
   *
   * @return what has been measured of it
   */
  public PipelineMetrics watch(ResourceID pipeline, PipelinePlan plan) {
    Set<String> inputs = names(plan, TopicRole.SOURCE, TopicRole.TABLE);
    Set<String> outputs = names(plan, TopicRole.SINK);
    return watched
        .compute(
            pipeline,
            (id, known) ->
                known != null
                        && known.group().equals(plan.applicationId())
                        && known.inputTopics().equals(inputs)
                        && known.outputTopics().equals(outputs)
                    ? known
                    : new Watched(
                        plan.applicationId(),
                        inputs,
                        outputs,
                        new PipelineMetrics(lagWindow, interval),
                        null))
        .metrics();
  }

  public void forget(ResourceID pipeline) {
    watched.remove(pipeline);
  }

  /** The lag as last measured; empty before the first round that read the pipeline's group. */
  public Optional<LagSummary> lag(ResourceID pipeline) {
    Watched known = watched.get(pipeline);
    return known == null ? Optional.empty() : Optional.ofNullable(summary(known.metrics().lag()));
  }

  /** One round for every watched pipeline; public so that tests and benchmarks can run one. */
  public void round() throws InterruptedException {
    List<Watched> all = List.copyOf(watched.values());
    if (all.isEmpty()) {
      return;
    }
    collector.collect(all);
    watched.replaceAll(
        (id, known) -> {
          LagSummary now = summary(known.metrics().lag());
          if (Objects.equals(now, known.published())) {
            return known;
          }
          if (getEventHandler() != null && isRunning()) {
            getEventHandler().handleEvent(new Event(id));
          }
          return new Watched(
              known.group(), known.inputTopics(), known.outputTopics(), known.metrics(), now);
        });
  }

  static LagSummary summary(LagReport report) {
    if (report == null || report.sampledAt() == null) {
      return null;
    }
    return new LagSummary(report.totalRecords(), Math.round(report.lagSeconds()), report.status());
  }

  @Override
  public void start() {
    super.start();
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lag-rounds").factory());
    long millis = interval.toMillis();
    started.scheduleWithFixedDelay(this::roundQuietly, millis, millis, TimeUnit.MILLISECONDS);
    timer = started;
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = timer;
    if (running != null) {
      running.shutdownNow();
    }
    super.stop();
  }

  @Override
  public Set<Void> getSecondaryResources(P primary) {
    return Set.of();
  }

  private void roundQuietly() {
    try {
      round();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The next round tries again; one failure must not end the timer.
      LOG.warn("measuring the pipelines' lag failed: {}", e.toString());
    }
  }

  private static Set<String> names(PipelinePlan plan, TopicRole... roles) {
    return Set.of(roles).stream()
        .flatMap(role -> plan.topics(role).stream())
        .map(TopicPlan::name)
        .collect(Collectors.toUnmodifiableSet());
  }
}
