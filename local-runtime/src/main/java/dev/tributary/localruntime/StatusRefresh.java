package dev.tributary.localruntime;

import dev.tributary.localruntime.worker.WorkerProcess;
import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.scaling.Autoscaler;
import dev.tributary.pipeline.scaling.ScalingDecision;
import dev.tributary.pipeline.spec.AutoscalingSpec;
import dev.tributary.runtime.metrics.LagCollector;
import dev.tributary.runtime.worker.WorkerState;
import dev.tributary.runtime.worker.WorkerStateClient;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One collection, every interval, for all pipelines together: lag and throughput from Kafka (one
 * batched reading), state from every running worker (in parallel), then the autoscaler's decision
 * per pipeline. Sampling on a timer is right here: lag and rates are measured over time, there is
 * no event to wait for.
 */
final class StatusRefresh implements Runnable {

  private static final System.Logger LOG = System.getLogger(StatusRefresh.class.getName());

  private final Supplier<List<ManagedPipeline>> pipelines;
  private final LagCollector lagCollector;
  private final WorkerStateClient endpoints;
  private final LocalRuntimeSettings settings;
  private final BiConsumer<ManagedPipeline, Integer> scale;
  private final Consumer<ManagedPipeline> retire;

  StatusRefresh(
      Supplier<List<ManagedPipeline>> pipelines,
      LagCollector lagCollector,
      WorkerStateClient endpoints,
      LocalRuntimeSettings settings,
      BiConsumer<ManagedPipeline, Integer> scale,
      Consumer<ManagedPipeline> retire) {
    this.pipelines = pipelines;
    this.lagCollector = lagCollector;
    this.endpoints = endpoints;
    this.settings = settings;
    this.scale = scale;
    this.retire = retire;
  }

  @Override
  public void run() {
    try {
      List<ManagedPipeline> all = pipelines.get().stream().filter(p -> !p.deleting()).toList();
      if (all.isEmpty()) {
        return;
      }
      Instant now = Instant.now();
      // Workers first: the records they wrote give the out rate of the collection that follows.
      askWorkers(all, now);
      lagCollector.collect(all);
      for (ManagedPipeline pipeline : all) {
        autoscale(pipeline, now);
        pipeline.settle(settings.restartBackoff().resetAfter(), now);
        retire.accept(pipeline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The next collection tries again; one failure must not end the timer.
      LOG.log(Level.WARNING, "collecting lag and worker state failed: " + e, e);
    }
  }

  private void askWorkers(List<ManagedPipeline> all, Instant now) {
    Map<ManagedPipeline, Map<WorkerProcess, CompletableFuture<Optional<WorkerState>>>> asked =
        new HashMap<>();
    for (ManagedPipeline pipeline : all) {
      Map<WorkerProcess, CompletableFuture<Optional<WorkerState>>> answers = new HashMap<>();
      for (ReplicaSlot slot : pipeline.slots()) {
        WorkerProcess worker = pipeline.worker(slot);
        Integer port = worker == null ? null : worker.httpPortIfKnown();
        if (port != null) {
          answers.put(worker, endpoints.state(port));
        }
      }
      asked.put(pipeline, answers);
    }
    asked.forEach(
        (pipeline, answers) -> {
          Map<WorkerProcess, WorkerState> states = new HashMap<>();
          // Each request has its own timeout and never fails, so join returns.
          answers.forEach(
              (worker, answer) -> answer.join().ifPresent(state -> states.put(worker, state)));
          pipeline.reported(states, now);
        });
  }

  private void autoscale(ManagedPipeline pipeline, Instant now) {
    Deployment deployment = pipeline.running();
    if (deployment == null || pipeline.paused()) {
      return;
    }
    Map<String, Integer> partitions = pipeline.metrics().inputPartitions();
    ReplicaBounds bounds =
        partitions.isEmpty()
            ? deployment.bounds()
            : Planner.replicaBounds(deployment.pipeline(), partitions);
    AutoscalingSpec spec = deployment.pipeline().spec().runtimeOrDefault().autoscaling();
    int current = pipeline.desiredReplicas();
    ScalingDecision decision =
        Autoscaler.decide(
            now,
            current,
            bounds,
            spec,
            pipeline.metrics().lag().totalRecords(),
            Duration.ofMillis((long) (pipeline.metrics().lag().lagSeconds() * 1000)),
            pipeline.metrics().recommendations());
    Duration window =
        spec == null || spec.stabilizationWindow() == null
            ? Autoscaler.DEFAULT_STABILIZATION_WINDOW
            : spec.stabilizationWindow();
    pipeline
        .metrics()
        .recommended(new Autoscaler.Recommendation(now, decision.recommendation()), window);
    pipeline.scaling(decision, bounds, now);
    if (decision.replicas() != current) {
      scale.accept(pipeline, decision.replicas());
    }
  }
}
