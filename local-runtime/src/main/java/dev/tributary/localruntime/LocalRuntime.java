package dev.tributary.localruntime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.localruntime.worker.WorkerProcess;
import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.scaling.Autoscaler;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.UpgradeStart;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.access.KafkaAccessException;
import dev.tributary.runtime.cleanup.PipelineCleanup;
import dev.tributary.runtime.metrics.LagCollector;
import dev.tributary.runtime.metrics.OffsetReader;
import dev.tributary.runtime.metrics.PipelineMetrics;
import dev.tributary.runtime.metrics.RecordTimestamps;
import dev.tributary.runtime.rollout.UpdateStrategy;
import dev.tributary.runtime.status.PipelineReport;
import dev.tributary.runtime.topic.TopicProvisioner;
import dev.tributary.runtime.topic.TopicProvisioning;
import dev.tributary.runtime.topic.TopicProvisioningException;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import dev.tributary.runtime.upgrade.OffsetHandOverException;
import dev.tributary.runtime.worker.WorkerStateClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@code local} deploy target: runs pipelines as worker processes on this host.
 *
 * <p>{@link #apply} provisions a pipeline's topics (never shrinking or destroying any), then starts
 * its workers — one JVM of the worker jar per replica — or, for a new revision of a running
 * pipeline, replaces them one at a time. Crashed workers restart with back-off. Every {@link
 * LocalRuntimeSettings#collectionInterval()} the lag of all pipelines is read from Kafka in one
 * batched reading, every worker's state is asked, and replicas follow the autoscaler of {@code
 * pipeline-api} (the Kubernetes operator uses the same functions).
 *
 * <p>Operations return at once; each pipeline's operations run one after the other, and the
 * returned future completes when this one is done (for an update, when the last replica has been
 * replaced). {@link #status} shows progress meanwhile. See docs/local-runtime.md.
 */
public final class LocalRuntime implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalRuntime.class.getName());

  private final LocalRuntimeSettings settings;
  private final Admin admin;
  private final RecordTimestamps recordTimestamps;
  private final TopicProvisioner provisioner;
  private final PipelineCleanup cleanup;
  private final OffsetHandOver handOver;

  /** The pipelines' own Kafka identities, on a secured cluster only. */
  private final PipelineCredentials credentials;

  private final WorkerStateClient endpoints;
  private final ScheduledExecutorService timers;
  private final ScheduledFuture<?> refreshing;
  private final Instant startedAt = Instant.now();
  private final Map<PipelineKey, ManagedPipeline> pipelines = new ConcurrentHashMap<>();
  private final Map<PipelineKey, WorkerSupervisor> supervisors = new ConcurrentHashMap<>();
  private final Thread shutdownHook =
      new Thread(this::killWorkers, "tributary-local-runtime-shutdown");

  private LocalRuntime(LocalRuntimeSettings settings) {
    this.settings = settings;
    this.admin = Admin.create(settings.kafka().clientProperties("tributary-local-runtime"));
    this.credentials =
        settings.kafka().secured()
            ? new PipelineCredentials(
                settings.kafka(), new KafkaAccess(admin, settings.requestTimeout()))
            : null;
    this.provisioner =
        new TopicProvisioner(
            admin,
            settings.defaultPartitions(),
            settings.replicationFactor(),
            settings.requestTimeout());
    this.cleanup = new PipelineCleanup(admin, settings.requestTimeout(), Duration.ofSeconds(90));
    this.handOver = new OffsetHandOver(admin, settings.requestTimeout());
    this.endpoints = new WorkerStateClient(Duration.ofSeconds(2));
    this.recordTimestamps =
        new RecordTimestamps(
            settings.kafka(), "tributary-local-runtime-lag", Duration.ofSeconds(2));
    this.timers =
        Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().daemon().name("local-runtime-timer-", 0).factory());
    StatusRefresh refresh =
        new StatusRefresh(
            this::pipelines,
            new LagCollector(new OffsetReader(admin, settings.requestTimeout()), recordTimestamps),
            endpoints,
            settings,
            this::scale,
            this::retire);
    long interval = settings.collectionInterval().toMillis();
    this.refreshing =
        timers.scheduleWithFixedDelay(refresh, interval, interval, TimeUnit.MILLISECONDS);
    // Workers are children of this JVM: they must not outlive it, even when close() is not called.
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a runtime on {@code settings.root()}. Workers that an earlier runtime on the same root
   * left running because it was killed are stopped first (see {@link LeftBehindWorkers}): the
   * caller applies its pipelines again, and each must not run twice.
   */
  public static LocalRuntime start(LocalRuntimeSettings settings) {
    if (!Files.isRegularFile(settings.workerJar())) {
      throw new IllegalArgumentException(
          "the worker jar "
              + settings.workerJar()
              + " does not exist; build it with ./mvnw install -pl worker-image");
    }
    try {
      Files.createDirectories(settings.root());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the local runtime's directory " + settings.root(), e);
    }
    LocalRuntime runtime = new LocalRuntime(settings);
    try {
      int ended =
          new LeftBehindWorkers(settings.workerJar(), runtime.startedAt)
              .endAll(settings.root(), settings.stopGrace());
      if (ended > 0) {
        LOG.log(Level.WARNING, "stopped {0} workers left behind by an earlier run", ended);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runtime.close();
      throw new IllegalStateException("interrupted while stopping workers left behind", e);
    }
    return runtime;
  }

  /**
   * Runs {@code revision} of a pipeline: provisions its topics, then starts its workers or rolls
   * them to this revision. The future fails with {@link TopicProvisioningException} when a topic
   * cannot be made as planned; workers of an earlier revision then keep running.
   *
   * @param document the pipeline document as the user wrote it; workers read it from a file
   */
  public CompletableFuture<Void> apply(ValidatedPipeline pipeline, long revision, String document) {
    PipelineKey key = PipelineKey.of(pipeline);
    ManagedPipeline managed =
        pipelines.computeIfAbsent(key, k -> manage(k, pipeline.applicationId()));
    if (managed.deleting()) {
      throw new IllegalStateException(
          "pipeline " + key + " is being deleted; apply it again once it is gone");
    }
    return submit(managed, () -> deploy(managed, pipeline, revision, document));
  }

  /**
   * Runs {@code revision} of a pipeline, or records it without running it: with {@code paused} the
   * pipeline is paused first (its workers stop) and its topics are provisioned, but no worker
   * starts until {@link #resume}; without, a paused pipeline resumes with this revision. This is
   * how a control plane brings back its catalog after a restart, paused pipelines included.
   */
  public CompletableFuture<Void> apply(
      ValidatedPipeline pipeline, long revision, String document, boolean paused) {
    PipelineKey key = PipelineKey.of(pipeline);
    ManagedPipeline managed =
        pipelines.computeIfAbsent(key, k -> manage(k, pipeline.applicationId()));
    if (managed.deleting()) {
      throw new IllegalStateException(
          "pipeline " + key + " is being deleted; apply it again once it is gone");
    }
    return submit(
        managed,
        () -> {
          if (paused) {
            managed.paused(true);
            supervisor(managed).stop(managed.slots());
          } else if (managed.paused()) {
            managed.paused(false);
          }
          deploy(managed, pipeline, revision, document);
        });
  }

  /**
   * Where the stream sources of {@code after} would start if it replaced {@code before} now: the
   * offsets its consumer group would get per partition, and where each comes from. When both have
   * the same application id nothing is handed over and the list is empty.
   *
   * @throws OffsetHandOverException when Kafka does not answer
   */
  public List<OffsetHandOver.StartingOffset> startingOffsets(
      ValidatedPipeline before, ValidatedPipeline after) {
    return handOver.plan(before, after);
  }

  /**
   * Whether the Kafka cluster answers within {@code timeout}: a cheap check before taking a change
   * that would otherwise fail later, in the background.
   */
  public boolean brokerReachable(Duration timeout) {
    try {
      admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /**
   * Whether the runtime manages this pipeline (it may be starting, running, paused or being
   * deleted).
   */
  public boolean manages(PipelineKey key) {
    return pipelines.containsKey(key);
  }

  /**
   * Runs {@code revision} of a pipeline from its validated form, for callers that do not keep the
   * text: the workers get the document as {@link PipelineMapper} writes it.
   */
  public CompletableFuture<Void> apply(ValidatedPipeline pipeline, long revision) {
    try {
      return apply(
          pipeline, revision, PipelineMapper.yaml().writeValueAsString(pipeline.document()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "pipeline " + PipelineKey.of(pipeline) + " cannot be written as YAML", e);
    }
  }

  /** Stops every worker gracefully; topics, committed offsets and state stay. */
  public CompletableFuture<Void> pause(PipelineKey key) {
    ManagedPipeline pipeline = find(key);
    return submit(
        pipeline,
        () -> {
          pipeline.paused(true);
          supervisor(pipeline).stop(pipeline.slots());
        });
  }

  /** Starts the workers of a paused pipeline again, with the state they had. */
  public CompletableFuture<Void> resume(PipelineKey key) {
    ManagedPipeline pipeline = find(key);
    return submit(
        pipeline,
        () -> {
          pipeline.paused(false);
          rollout(pipeline).converge(false);
        });
  }

  /** Replaces every worker, one at a time, keeping the revision and the state. */
  public CompletableFuture<Void> restart(PipelineKey key) {
    ManagedPipeline pipeline = find(key);
    return submit(pipeline, () -> rollout(pipeline).converge(true));
  }

  /**
   * Gives the pipeline's workers a new Kafka credential without losing or repeating a record: the
   * next generation's user gets the same ACLs, every worker is replaced one at a time with it (as
   * by {@link #restart}, each stopping cleanly so that its transactions complete), and the previous
   * user is removed once no worker uses it. If the rollout stalls, the previous user stays until
   * the next rotation or the pipeline's deletion, so that the replicas left running keep working.
   *
   * @throws IllegalStateException when the cluster is not secured
   */
  public CompletableFuture<Void> rotateCredentials(PipelineKey key) {
    if (credentials == null) {
      throw new IllegalStateException(
          "the Kafka cluster is not secured: pipelines have no credentials of their own");
    }
    ManagedPipeline pipeline = find(key);
    return submit(
        pipeline,
        () -> {
          Deployment applied = pipeline.applied();
          if (applied == null) {
            throw new IllegalStateException("pipeline " + key + " has not been applied yet");
          }
          Instant rotated = Instant.now();
          String previous;
          try {
            previous = credentials.rotate(pipeline.files(), key, applied.plan());
          } catch (KafkaAccessException | IOException e) {
            throw new IllegalStateException(
                "cannot rotate the Kafka credential of " + key + ": " + e.getMessage(), e);
          }
          rollout(pipeline).converge(true);
          boolean allReplaced =
              pipeline.slots().stream()
                  .map(pipeline::worker)
                  .allMatch(worker -> worker == null || !worker.startedAt().isBefore(rotated));
          if (allReplaced) {
            try {
              credentials.revoke(previous);
            } catch (KafkaAccessException e) {
              LOG.log(
                  Level.WARNING,
                  "the previous Kafka user {0} of {1} could not be removed: {2}",
                  previous,
                  key,
                  e.getMessage());
            }
          }
        });
  }

  /** Whether the cluster is secured, so that every pipeline's workers have their own identity. */
  public boolean kafkaSecured() {
    return credentials != null;
  }

  /** The user name of the pipeline's workers' Kafka credential, on a secured cluster. */
  public Optional<String> kafkaUser(PipelineKey key) {
    if (credentials == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(credentials.currentUser(find(key).files()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the workers and removes the pipeline's internal topics, its consumer group and its files.
   * Its sources, tables, sinks and dead-letter topic stay: other pipelines may use them. The future
   * fails with {@link PipelineCleanupException} if something could not be removed.
   */
  public CompletableFuture<Void> delete(PipelineKey key) {
    ManagedPipeline pipeline = find(key);
    pipeline.deleting(true);
    return submit(
        pipeline,
        () -> {
          try {
            supervisor(pipeline).stop(pipeline.slots());
            Set<String> others = new HashSet<>();
            Set<String> planned = new HashSet<>();
            for (ManagedPipeline p : pipelines.values()) {
              if (p != pipeline) {
                others.add(p.group());
                Deployment d = p.applied();
                if (d != null) {
                  d.plan().topics().stream().map(TopicPlan::name).forEach(planned::add);
                }
              }
            }
            Deployment own = pipeline.applied();
            if (own != null) {
              own.plan().topics().stream().map(TopicPlan::name).forEach(planned::add);
            }
            List<String> problems =
                new ArrayList<>(cleanup.delete(pipeline.group(), others, planned));
            try {
              for (String retired : pipeline.files().retired()) {
                if (!retired.equals(pipeline.group())) {
                  problems.addAll(cleanup.delete(retired, others, planned));
                }
              }
            } catch (IOException e) {
              problems.add("retired applications of " + key + ": " + e.getMessage());
            }
            if (credentials != null) {
              try {
                credentials.revokeAll(key);
              } catch (KafkaAccessException e) {
                problems.add("Kafka users and ACLs: " + e.getMessage());
              }
            }
            try {
              pipeline.files().deleteAll();
            } catch (IOException e) {
              problems.add("files in " + pipeline.files().directory() + ": " + e.getMessage());
            }
            if (!problems.isEmpty()) {
              throw new PipelineCleanupException(key, problems);
            }
          } finally {
            pipelines.remove(key, pipeline);
            supervisors.remove(key);
            pipeline.operations().shutdown();
          }
        });
  }

  public Optional<PipelineReport> status(PipelineKey key) {
    ManagedPipeline pipeline = pipelines.get(key);
    return pipeline == null ? Optional.empty() : Optional.of(pipeline.report(Instant.now()));
  }

  /** Every pipeline, by team and name. */
  public List<PipelineReport> list() {
    Instant now = Instant.now();
    return pipelines().stream().map(p -> p.report(now)).toList();
  }

  public List<PipelineReport> list(String team) {
    return list().stream().filter(r -> r.team().equals(team)).toList();
  }

  /** The process id of each running worker, by replica; for operators and fault tests. */
  public Map<Integer, Long> workerPids(PipelineKey key) {
    ManagedPipeline pipeline = find(key);
    Map<Integer, Long> pids = new TreeMap<>();
    for (ReplicaSlot slot : pipeline.slots()) {
      WorkerProcess worker = pipeline.worker(slot);
      if (worker != null) {
        pids.put(slot.index, worker.pid());
      }
    }
    return pids;
  }

  /** Stops collecting and stops every worker gracefully; pipelines' files stay for next time. */
  @Override
  public void close() {
    refreshing.cancel(false);
    for (ManagedPipeline pipeline : pipelines.values()) {
      pipeline.operations().shutdownNow();
    }
    try {
      // An interrupted operation may be starting a worker: let it finish so that it is stopped too.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      for (ManagedPipeline pipeline : pipelines.values()) {
        pipeline
            .operations()
            .awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      for (ManagedPipeline pipeline : pipelines.values()) {
        supervisor(pipeline).stop(pipeline.slots());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killWorkers();
    } finally {
      timers.shutdownNow();
      endpoints.close();
      closeRecordTimestamps();
      admin.close(Duration.ofSeconds(5));
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }

  private void deploy(
      ManagedPipeline managed, ValidatedPipeline pipeline, long revision, String document)
      throws InterruptedException {
    Instant now = Instant.now();
    Deployment applied;
    try {
      applied =
          new Deployment(
              pipeline,
              revision,
              managed.files().writeRevision(revision, document),
              Planner.plan(pipeline),
              null);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write revision " + revision + " of " + managed.key(), e);
    }
    managed.applied(applied, now);
    TopicProvisioning topics = provisioner.provision(applied.plan().topics());
    if (!topics.succeeded()) {
      managed.topicsFailed(topics.failures(), Instant.now());
      throw new TopicProvisioningException(managed.key().toString(), topics);
    }
    managed.topicsReady(topics, Instant.now());
    String before = applicationIdBefore(managed);
    String after = pipeline.applicationId();
    boolean newGeneration = before != null && !before.equals(after);
    if (newGeneration) {
      // Old and new generations must not overlap: the old workers stop cleanly first, so that
      // their last transactions, output and offsets together, are committed.
      managed.resetStarted(
          "stopping every replica of "
              + before
              + ": revision "
              + revision
              + " runs with new state as "
              + after);
      supervisor(managed).stop(managed.slots());
    }
    if (credentials != null) {
      try {
        credentials.grant(managed.files(), managed.key(), applied.plan());
      } catch (KafkaAccessException | IOException e) {
        throw new IllegalStateException(
            "cannot give " + managed.key() + " its Kafka credential: " + e.getMessage(), e);
      }
    }
    if (newGeneration) {
      handOver(managed, before, pipeline);
    }
    if (before == null || newGeneration) {
      try {
        managed.files().applicationId(after);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record the application id of " + managed.key(), e);
      }
    }
    managed.applicationId(after);
    ReplicaBounds bounds = Planner.replicaBounds(pipeline, topics.inputPartitions());
    Deployment previous = managed.running();
    int replicas =
        Autoscaler.decide(
                Instant.now(),
                managed.desiredReplicas(),
                bounds,
                pipeline.spec().runtimeOrDefault().autoscaling(),
                managed.metrics().lag().totalRecords(),
                Duration.ofMillis((long) (managed.metrics().lag().lagSeconds() * 1000)),
                managed.metrics().recommendations())
            .replicas();
    managed.run(applied.withBounds(bounds), replicas);
    if (newGeneration) {
      rollout(managed).converge(false);
    } else if (previous != null
        && previous.revision() != revision
        && UpdateStrategy.between(previous.pipeline(), pipeline) == UpdateStrategy.RECREATE) {
      rollout(managed).recreate();
    } else {
      rollout(managed).converge(false);
    }
  }

  /** The application id the pipeline's workers ran with last, from its folder; null before. */
  private static String applicationIdBefore(ManagedPipeline managed) {
    try {
      return managed.files().applicationId();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the application id of " + managed.key(), e);
    }
  }

  /**
   * Commits the new generation's starting offsets (the old workers have stopped), and marks the old
   * generation for removal once the new one is Running. Safe to repeat: a partition the new group
   * already committed further is left where it is.
   */
  private void handOver(ManagedPipeline managed, String before, ValidatedPipeline pipeline) {
    String after = pipeline.applicationId();
    ValidatedPipeline previous =
        pipeline.withStateGeneration(
            Math.max(
                1,
                ValidatedPipeline.generationOf(pipeline.topicPrefix(), pipeline.name(), before)));
    UpgradeStart start = OffsetHandOver.start(previous, pipeline);
    managed.resetStarted(
        "committing the starting offsets of "
            + after
            + " ("
            + start.value()
            + (start == UpgradeStart.PREVIOUS_OFFSETS ? " of " + before : "")
            + ")");
    List<OffsetHandOver.StartingOffset> offsets;
    try {
      offsets = handOver.handOver(previous, pipeline);
    } catch (OffsetHandOverException e) {
      managed.rolloutStalled(
          "the starting offsets of " + after + " could not be committed: " + e.getMessage(),
          Instant.now());
      throw new IllegalStateException(
          "cannot hand the offsets of " + before + " over to " + after + ": " + e.getMessage(), e);
    }
    LOG.log(
        Level.INFO,
        "{0}: {1} starts from {2}",
        managed.key(),
        after,
        offsets.stream()
            .map(o -> o.topic() + "-" + o.partition() + "@" + o.offset() + " (" + o.origin() + ")")
            .toList());
    try {
      managed.files().retire(before, after);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the retired application " + before, e);
    }
  }

  /**
   * Removes what earlier generations of a pipeline's state left — their consumer groups, internal
   * topics and state folders — once the current generation runs with every wanted worker ready.
   */
  private void retire(ManagedPipeline managed) {
    if (!managed.runningSettled() || !managed.retiring(true)) {
      return;
    }
    List<String> retired;
    try {
      retired = managed.files().retired();
    } catch (IOException e) {
      managed.retiring(false);
      LOG.log(Level.WARNING, "cannot read the retired applications of " + managed.key(), e);
      return;
    }
    if (retired.isEmpty()) {
      managed.retiring(false);
      return;
    }
    submit(
            managed,
            () -> {
              String current = managed.group();
              for (String id : retired) {
                List<String> problems =
                    id.equals(current) ? List.of() : removeApplication(managed, id);
                if (problems.isEmpty()) {
                  try {
                    managed.files().retired(id);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  LOG.log(
                      Level.INFO,
                      "{0}: removed the consumer group, internal topics and state of {1}",
                      managed.key(),
                      id);
                } else {
                  LOG.log(
                      Level.WARNING,
                      "{0}: {1} could not be removed completely, retrying later: {2}",
                      managed.key(),
                      id,
                      problems);
                }
              }
            })
        .whenComplete((done, failure) -> managed.retiring(false));
  }

  /** Removes one application id's group, internal topics and state folders. */
  private List<String> removeApplication(ManagedPipeline managed, String applicationId)
      throws InterruptedException {
    Set<String> others = new HashSet<>();
    Set<String> planned = new HashSet<>();
    for (ManagedPipeline p : pipelines.values()) {
      others.add(p.group());
      Deployment d = p.applied();
      if (d != null) {
        d.plan().topics().stream().map(TopicPlan::name).forEach(planned::add);
      }
    }
    others.remove(applicationId);
    List<String> problems = new ArrayList<>(cleanup.delete(applicationId, others, planned));
    try {
      managed.files().deleteState(applicationId);
    } catch (IOException e) {
      problems.add("state folders of " + applicationId + ": " + e.getMessage());
    }
    return problems;
  }

  /** The autoscaler's decision: scale now, so that the next collection sees the new target. */
  private void scale(ManagedPipeline pipeline, int replicas) {
    pipeline.desiredReplicas(replicas);
    submit(pipeline, () -> rollout(pipeline).converge(false));
  }

  private ManagedPipeline manage(PipelineKey key, String applicationId) {
    ManagedPipeline pipeline =
        new ManagedPipeline(
            key,
            applicationId,
            PipelineFiles.under(settings.root(), key),
            Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("pipeline-" + key + "-", 0).factory()),
            new PipelineMetrics(settings.lagWindow(), settings.collectionInterval()));
    supervisors.put(key, new WorkerSupervisor(pipeline, settings, timers, endpoints, startedAt));
    return pipeline;
  }

  private WorkerSupervisor supervisor(ManagedPipeline pipeline) {
    return supervisors.get(pipeline.key());
  }

  private Rollout rollout(ManagedPipeline pipeline) {
    return new Rollout(pipeline, supervisor(pipeline));
  }

  private ManagedPipeline find(PipelineKey key) {
    ManagedPipeline pipeline = pipelines.get(key);
    if (pipeline == null) {
      throw new PipelineNotFoundException(key);
    }
    return pipeline;
  }

  private List<ManagedPipeline> pipelines() {
    return pipelines.values().stream()
        .sorted(
            Comparator.comparing((ManagedPipeline p) -> p.key().team())
                .thenComparing(p -> p.key().name()))
        .toList();
  }

  private CompletableFuture<Void> submit(
      ManagedPipeline pipeline, WorkerSupervisor.Interruptible operation) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pipeline
        .operations()
        .execute(
            () -> {
              try {
                operation.run();
                done.complete(null);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.completeExceptionally(e);
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pipeline " + pipeline.key() + ": " + e.getMessage(), e);
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  /** Last resort at JVM exit: no worker may outlive the runtime that supervises it. */
  /** Its consumer belongs to the timer's thread: it is closed once that thread has finished. */
  private void closeRecordTimestamps() {
    try {
      if (!timers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "the status collection did not stop in 10 s");
        return;
      }
      recordTimestamps.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "closing the record timestamp reader failed: " + e);
    }
  }

  private void killWorkers() {
    for (ManagedPipeline pipeline : pipelines.values()) {
      for (ReplicaSlot slot : pipeline.slots()) {
        WorkerProcess worker = pipeline.worker(slot);
        if (worker != null) {
          worker.kill();
        }
      }
    }
  }
}
