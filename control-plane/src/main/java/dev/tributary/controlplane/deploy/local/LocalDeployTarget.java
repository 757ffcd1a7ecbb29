package dev.tributary.controlplane.deploy.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.deploy.DeployTargetException;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.kafka.PlatformKafka;
import dev.tributary.localruntime.LocalRuntime;
import dev.tributary.localruntime.LocalRuntimeSettings;
import dev.tributary.localruntime.PipelineKey;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.condition.ConditionReason;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import dev.tributary.runtime.upgrade.OffsetHandOverException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The {@code local} deploy target: the pipelines run as worker processes on this host, supervised
 * by the {@link LocalRuntime} of {@code local-runtime/} (docs/local-runtime.md).
 *
 * <p>The catalog calls a target inside its transaction, holding the team's row lock, while a
 * rollout takes minutes (a worker must be ready before the next is replaced). So a call checks at
 * once what can be known at once — the runtime runs, Kafka answers within {@code
 * tributary.local.broker-timeout}, the pipeline is not still being deleted — and refuses with 503
 * otherwise, which rolls the write back. The change itself is handed to the runtime <em>after the
 * transaction commits</em>, so the runtime never runs something the catalog did not record; its
 * progress and its outcome (topics that could not be made, a stalled rollout, crashes) are in the
 * pipeline's status, not in the answer to the write.
 */
@ApplicationScoped
@Typed(LocalDeployTarget.class)
public class LocalDeployTarget implements DeployTarget {

  private static final Logger LOG = Logger.getLogger(LocalDeployTarget.class);

  @Inject LocalTargetConfig config;
  @Inject PlatformKafka kafka;
  @Inject TransactionSynchronizationRegistry transactions;

  private volatile LocalRuntime runtime;

  /** Pipelines whose deletion (workers, internal topics, group, files) is still running. */
  private final Set<PipelineRef> deleting = ConcurrentHashMap.newKeySet();

  /** The last change handed to the runtime that failed before it got there, per pipeline. */
  private final Map<PipelineRef, String> failures = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "local";
  }

  /** The runtime, started on first use; fails when it cannot start (no worker jar, say). */
  public synchronized LocalRuntime runtime() {
    if (runtime == null) {
      LocalRuntimeSettings settings =
          LocalRuntimeSettings.defaults(
                  config.dataDir().toAbsolutePath(),
                  config.bootstrapServers(),
                  config.workerJar().toAbsolutePath())
              .withJvmOptions(config.workerJvmOptions())
              .withWorkerEnvironment(config.workerEnvironment())
              .withCollectionInterval(config.collectionInterval())
              .withKafkaSettings(kafka.settings());
      LOG.infof(
          "local deploy target: Kafka %s, data in %s, worker %s",
          settings.bootstrapServers(), settings.root(), settings.workerJar());
      runtime = LocalRuntime.start(settings);
    }
    return runtime;
  }

  @Override
  public void apply(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    run(pipeline, revision, validated, false);
  }

  @Override
  public void pause(PipelineRef pipeline) {
    ready(pipeline);
    afterCommit(pipeline, "pause", () -> managed(pipeline) ? runtime.pause(key(pipeline)) : done());
  }

  @Override
  public void resume(PipelineRef pipeline, int revision, ValidatedPipeline validated) {
    run(pipeline, revision, validated, false);
  }

  @Override
  public boolean resetsState() {
    return true;
  }

  @Override
  public List<OffsetHandOver.StartingOffset> startingOffsets(
      PipelineRef pipeline, ValidatedPipeline before, ValidatedPipeline after) {
    try {
      return runtime().startingOffsets(before, after);
    } catch (OffsetHandOverException e) {
      throw new DeployTargetException(
          name(),
          "cannot read where pipeline "
              + pipeline.team()
              + "/"
              + pipeline.name()
              + " would start: "
              + e.getMessage());
    }
  }

  @Override
  public boolean rotatesCredentials() {
    return started().kafkaSecured();
  }

  @Override
  public void rotateCredentials(PipelineRef pipeline) {
    ready(pipeline);
    afterCommit(
        pipeline,
        "Kafka credential rotation",
        () -> managed(pipeline) ? runtime.rotateCredentials(key(pipeline)) : done());
  }

  @Override
  public void restart(PipelineRef pipeline) {
    ready(pipeline);
    afterCommit(
        pipeline, "restart", () -> managed(pipeline) ? runtime.restart(key(pipeline)) : done());
  }

  @Override
  public void delete(PipelineRef pipeline) {
    LocalRuntime local = started();
    afterCommit(
        pipeline,
        "delete",
        () -> {
          if (!local.manages(key(pipeline))) {
            return done();
          }
          deleting.add(pipeline);
          return local.delete(key(pipeline)).whenComplete((ok, error) -> deleting.remove(pipeline));
        });
  }

  /**
   * Brings a pipeline of the catalog back after a restart of the control plane: its current
   * revision runs again, or is recorded paused. Not part of a transaction.
   */
  public CompletableFuture<Void> adopt(
      PipelineRef pipeline, int revision, ValidatedPipeline validated, boolean paused) {
    return runtime().apply(validated, revision, document(validated), paused);
  }

  @Override
  public DeploymentStatus status(PipelineRef pipeline) {
    LocalRuntime local = runtime;
    if (local != null) {
      PipelineReport report = local.status(key(pipeline)).orElse(null);
      if (report != null) {
        return LocalReports.toStatus(report);
      }
    }
    String failure = failures.get(pipeline);
    Condition ready =
        new Condition(
            Condition.READY,
            "False",
            (failure == null ? ConditionReason.NOT_DEPLOYED : ConditionReason.DEPLOY_FAILED).wire(),
            failure == null
                ? "the local runtime does not run this pipeline (yet)"
                : "the local runtime could not take the last change: " + failure,
            Instant.now().toString(),
            null);
    return DeploymentStatus.unmeasured(
        failure == null ? PipelinePhase.PENDING : PipelinePhase.FAILED, List.of(ready));
  }

  @Override
  public Map<PipelineRef, DeploymentStatus> statuses() {
    LocalRuntime local = runtime;
    Map<PipelineRef, DeploymentStatus> statuses = new LinkedHashMap<>();
    if (local != null) {
      for (PipelineReport report : local.list()) {
        statuses.put(new PipelineRef(report.team(), report.name()), LocalReports.toStatus(report));
      }
    }
    return statuses;
  }

  /** Stops every worker gracefully (each commits and leaves its group); their files stay. */
  @PreDestroy
  void close() {
    LocalRuntime local = runtime;
    if (local != null) {
      LOG.info("local deploy target: stopping every worker");
      local.close();
      runtime = null;
    }
  }

  private void run(
      PipelineRef pipeline, int revision, ValidatedPipeline validated, boolean paused) {
    ready(pipeline);
    String document = document(validated);
    afterCommit(
        pipeline,
        "revision " + revision,
        () -> runtime.apply(validated, revision, document, paused));
  }

  /** What can be known at once, checked while the catalog's transaction can still roll back. */
  private void ready(PipelineRef pipeline) {
    LocalRuntime local = started();
    if (deleting.contains(pipeline)) {
      throw new DeployTargetException(
          name(),
          "pipeline "
              + pipeline.team()
              + "/"
              + pipeline.name()
              + " is still being deleted (workers stopping, internal topics and consumer group"
              + " being removed)");
    }
    if (!local.brokerReachable(config.brokerTimeout())) {
      throw new DeployTargetException(
          name(),
          "the Kafka cluster at "
              + config.bootstrapServers()
              + " did not answer within "
              + config.brokerTimeout().toSeconds()
              + " s");
    }
  }

  private LocalRuntime started() {
    try {
      return runtime();
    } catch (RuntimeException e) {
      throw new DeployTargetException(name(), "the local runtime cannot start: " + e.getMessage());
    }
  }

  private boolean managed(PipelineRef pipeline) {
    return runtime.manages(key(pipeline));
  }

  /**
   * Hands the operation to the runtime once the transaction has committed (at once when there is
   * none), and logs how it ends.
   */
  private void afterCommit(
      PipelineRef pipeline, String what, Supplier<CompletableFuture<Void>> operation) {
    Runnable submit =
        () -> {
          CompletableFuture<Void> done;
          try {
            done = operation.get();
            failures.remove(pipeline);
          } catch (RuntimeException e) {
            LOG.warnf("%s/%s: %s not taken: %s", pipeline.team(), pipeline.name(), what, e);
            failures.put(pipeline, what + ": " + e.getMessage());
            return;
          }
          done.whenComplete(
              (ok, error) -> {
                if (error != null) {
                  Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                  LOG.warnf(
                      "%s/%s: %s failed: %s",
                      pipeline.team(), pipeline.name(), what, cause.toString());
                } else {
                  LOG.debugf("%s/%s: %s done", pipeline.team(), pipeline.name(), what);
                }
              });
        };
    if (transactions.getTransactionKey() == null) {
      submit.run();
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              submit.run();
            }
          }
        });
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  private static PipelineKey key(PipelineRef pipeline) {
    return new PipelineKey(pipeline.team(), pipeline.name());
  }

  private static String document(ValidatedPipeline validated) {
    try {
      return PipelineMapper.yaml().writeValueAsString(validated.document());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("pipeline cannot be written as YAML", e);
    }
  }
}
