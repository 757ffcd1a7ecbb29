package dev.tributary.operator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.operator.pipeline.lag.LagRounds;
import dev.tributary.operator.pipeline.workers.PipelineDocumentConfigMap;
import dev.tributary.operator.pipeline.workers.WorkerDeployment;
import dev.tributary.operator.pipeline.workers.WorkerDisruptionBudget;
import dev.tributary.operator.pipeline.workers.WorkerLabels;
import dev.tributary.operator.pipeline.workers.WorkerPlan;
import dev.tributary.operator.pipeline.workers.WorkerPodSettings;
import dev.tributary.operator.pipeline.workers.WorkerPodTemplate;
import dev.tributary.operator.pipeline.workers.WorkerService;
import dev.tributary.operator.pipeline.workers.WorkerStatefulSet;
import dev.tributary.operator.pipeline.workers.WorkloadProgress;
import dev.tributary.operator.pipeline.workers.Workloads;
import dev.tributary.pipeline.crd.LagSummary;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.plan.ReplicaBounds;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationResult;
import dev.tributary.runtime.access.KafkaAccessException;
import dev.tributary.runtime.metrics.PipelineMetrics;
import dev.tributary.runtime.topic.TopicProvisioning;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import dev.tributary.runtime.upgrade.OffsetHandOverException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles a {@code Pipeline} resource into what runs it, one step per line of {@link
 * #reconcile}: the team from the namespace, validation with the team's topic prefix, the topics,
 * the plan of the workers, and the workload's resources (ConfigMap, StatefulSet or Deployment,
 * Service, PodDisruptionBudget, all owned by the pipeline); then the status.
 *
 * <p>A pipeline that gains its first stateful step (or loses its last) changes workload kind: the
 * old one is deleted in the foreground, and the new one is made once it is gone with its pods, so
 * that old and new topologies never run together.
 *
 * <p>An invalid generation, or one whose topics cannot be made, changes nothing that runs: the
 * workers of the last good generation go on, and the status says why the new one is not deployed.
 * Deleting a pipeline runs its finalizer ({@link #cleanup}): the workers stop, then the pipeline's
 * consumer group and internal topics are removed; its sources, tables, sinks and dead-letter topic
 * stay.
 */
public final class PipelineReconciler
    implements Reconciler<PipelineResource>, Cleaner<PipelineResource> {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineReconciler.class);
  private static final Duration RETRY_TOPICS = Duration.ofSeconds(30);
  private static final Duration RETRY_CLEANUP = Duration.ofSeconds(10);

  private final WorkerPodSettings workerSettings;
  private final PipelineTopics topics;
  private final PipelineLeftovers leftovers;

  /** The pipelines' own Kafka identities, on a secured cluster only. */
  private final PipelineKafkaCredentials credentials;

  private final EventRecorder events;
  private final Clock clock;
  private final OffsetHandOver handOver;
  private final LagRounds<PipelineResource> lagRounds;

  private final PipelineDocumentConfigMap document = new PipelineDocumentConfigMap();
  private final WorkerStatefulSet statefulSet = new WorkerStatefulSet();
  private final WorkerDeployment deployment = new WorkerDeployment();
  private final WorkerService service = new WorkerService();
  private final WorkerDisruptionBudget disruptionBudget = new WorkerDisruptionBudget();
  private final Workflow<PipelineResource> workers;
  private volatile InformerEventSource<Namespace, PipelineResource> namespaces;
  private volatile InformerEventSource<Pod, PipelineResource> pods;

  /**
   * @param lagRounds measures every deployed pipeline's lag in one round per interval
   */
  public PipelineReconciler(
      WorkerPodSettings workerSettings,
      PipelineTopics topics,
      PipelineLeftovers leftovers,
      LagRounds<PipelineResource> lagRounds,
      EventRecorder events,
      Clock clock,
      PipelineKafkaCredentials credentials,
      OffsetHandOver handOver) {
    this.credentials = credentials;
    this.handOver = handOver;
    this.events = events;
    this.workerSettings = workerSettings;
    this.topics = topics;
    this.leftovers = leftovers;
    this.lagRounds = lagRounds;
    this.clock = clock;
    this.workers =
        new WorkflowBuilder<PipelineResource>()
            .addDependentResource(document)
            .addDependentResourceAndConfigure(statefulSet)
            .dependsOn(document)
            .withReconcilePrecondition(
                (dependent, primary, context) ->
                    plan(context).keepsState()
                        && context.getSecondaryResource(Deployment.class).isEmpty())
            .addDependentResourceAndConfigure(deployment)
            .dependsOn(document)
            .withReconcilePrecondition(
                (dependent, primary, context) ->
                    !plan(context).keepsState()
                        && context.getSecondaryResource(StatefulSet.class).isEmpty())
            .addDependentResource(service)
            .addDependentResource(disruptionBudget)
            .build();
  }

  @Override
  public List<EventSource<?, PipelineResource>> prepareEventSources(
      EventSourceContext<PipelineResource> context) {
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, PipelineResource.class)
                .withName("namespaces")
                .withNamespaces(Constants.WATCH_ALL_NAMESPACE_SET)
                .withFollowControllerNamespacesChanges(false)
                // A namespace that changes team or topic prefix revalidates its pipelines.
                .withSecondaryToPrimaryMapper(
                    namespace ->
                        context
                            .getPrimaryCache()
                            .list(namespace.getMetadata().getName())
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (PipelineResource pipeline) ->
                        Set.of(new ResourceID(pipeline.getMetadata().getNamespace())))
                .build(),
            context);
    pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, PipelineResource.class)
                .withName("worker-pods")
                .withLabelSelector(WorkerLabels.NAME + "=" + WorkerLabels.WORKER)
                // A pod's container states (exits, restarts) are the pipeline's ReplicaFailure.
                .withSecondaryToPrimaryMapper(
                    pod -> {
                      String pipeline = pod.getMetadata().getLabels().get(WorkerLabels.INSTANCE);
                      return pipeline == null
                          ? Set.of()
                          : Set.of(new ResourceID(pipeline, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context);
    List<EventSource<?, PipelineResource>> sources =
        new ArrayList<>(
            EventSourceUtils.dependentEventSources(
                context, document, statefulSet, deployment, service, disruptionBudget));
    sources.add(namespaces);
    sources.add(pods);
    sources.add(lagRounds);
    return sources;
  }

  @Override
  public UpdateControl<PipelineResource> reconcile(
      PipelineResource resource, Context<PipelineResource> context) throws InterruptedException {
    String namespace = resource.getMetadata().getNamespace();
    PipelineStatusReport report = new PipelineStatusReport(resource, clock.instant());
    Optional<Team> team = team(namespace);
    try (var logContext = LogContext.of(resource, team)) {
      if (team.isEmpty()) {
        return status(resource, report.noTeam(namespace), context);
      }
      ValidationResult validation = validate(resource, team.get());
      if (!validation.isValid()) {
        return status(resource, report.invalid(validation.errors()), context);
      }
      StateGenerations.Running running =
          StateGenerations.running(
              context.getSecondaryResource(ConfigMap.class).orElse(null), team.get());
      StateGenerations.Decision decision =
          StateGenerations.decide(resource, running, validation.pipeline());
      if (decision.refusal() != null) {
        return status(resource, report.stateIncompatible(decision.refusal()), context);
      }
      ValidatedPipeline pipeline = decision.next();
      List<String> retired = running.retired();
      if (decision.switching()) {
        // The previous generation's workers stop first, so that their last transactions (output
        // and offsets together) are committed before the new group gets those offsets.
        boolean stopped = true;
        for (HasMetadata workload : workloads(context)) {
          stopped &= leftovers.stopWorkers(context.getClient(), workload);
        }
        if (!stopped || !podsOf(resource).isEmpty()) {
          return status(
                  resource,
                  report.resettingState(
                      "stopping the workers of "
                          + decision.before().applicationId()
                          + ": generation "
                          + pipeline.stateGeneration()
                          + " of the state runs as "
                          + pipeline.applicationId()),
                  context)
              .rescheduleAfter(RETRY_CLEANUP);
        }
        try {
          List<OffsetHandOver.StartingOffset> offsets =
              handOver.handOver(decision.before(), pipeline);
          LOG.info(
              "{} starts from {}",
              pipeline.applicationId(),
              offsets.stream()
                  .map(
                      o ->
                          o.topic()
                              + "-"
                              + o.partition()
                              + "@"
                              + o.offset()
                              + " ("
                              + o.origin()
                              + ")")
                  .toList());
        } catch (OffsetHandOverException e) {
          return status(
                  resource,
                  report.resettingState(
                      "the starting offsets of "
                          + pipeline.applicationId()
                          + " could not be committed yet: "
                          + e.getMessage()),
                  context)
              .rescheduleAfter(RETRY_CLEANUP);
        }
        retired = StateGenerations.retiring(running, decision);
      }
      PipelinePlan plan = Planner.plan(pipeline);
      TopicProvisioning provisioned =
          topics.ensure(resource.getMetadata().getUid(), generation(resource), plan);
      if (!provisioned.succeeded()) {
        return status(resource, report.topicsFailed(provisioned), context)
            .rescheduleAfter(RETRY_TOPICS);
      }
      String kafkaUser = null;
      if (credentials != null) {
        try {
          kafkaUser = credentials.ensure(context.getClient(), resource, team.get().slug(), plan);
        } catch (KafkaAccessException e) {
          return status(resource, report.kafkaAccessFailed(e.getMessage()), context)
              .rescheduleAfter(RETRY_TOPICS);
        }
      }
      ResourceID id = ResourceID.fromResource(resource);
      PipelineMetrics metrics = lagRounds.watch(id, plan);
      LagSummary lag = lagRounds.lag(id).orElse(null);
      WorkerScaling scaling = scaling(resource, pipeline, provisioned, metrics, lag);
      boolean paused = PipelineAnnotations.paused(resource);
      WorkerPlan workerPlan =
          workerPlan(resource, team.get(), pipeline, paused ? 0 : scaling.replicas(), kafkaUser);
      if (!retired.isEmpty()
          && !decision.switching()
          && !paused
          && runsGeneration(context, workerPlan, pipeline.stateGeneration())
          && running(progress(context, workerPlan))) {
        // The workload ran the current generation with every worker ready at the last look.
        retired = retire(resource, context, retired);
      }
      workerPlan = workerPlan.withRetiredApplications(retired);
      workerPlan.putInto(context);
      workers.reconcile(resource, context);
      WorkloadProgress progress = progress(context, workerPlan);
      if (credentials != null
          && progress.rolledOut()
          && kafkaUser.equals(templateKafkaUser(context, workerPlan))) {
        try {
          credentials.rolledOut(context.getClient(), resource);
        } catch (KafkaAccessException e) {
          LOG.warn(
              "the previous Kafka user of {} could not be removed yet: {}", id, e.getMessage());
        }
      }
      PipelineStatus status =
          report.deployed(
              provisioned, workerPlan, progress, paused, scaling, failures(resource), lag);
      Duration next = topics.recheckAfter();
      if (scaling.decideAgainIn() != null && scaling.decideAgainIn().compareTo(next) < 0) {
        next = scaling.decideAgainIn();
      }
      return status(resource, status, context).rescheduleAfter(next);
    }
  }

  @Override
  public DeleteControl cleanup(PipelineResource resource, Context<PipelineResource> context)
      throws InterruptedException {
    Optional<Team> team = team(resource.getMetadata().getNamespace());
    try (var logContext = LogContext.of(resource, team)) {
      if (team.isEmpty()) {
        // Nothing ever ran: a namespace without a team gets no topics and no workers.
        return DeleteControl.defaultDelete();
      }
      boolean workersGone = true;
      for (HasMetadata workload : workloads(context)) {
        workersGone &= leftovers.stopWorkers(context.getClient(), workload);
      }
      if (!workersGone) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_CLEANUP);
      }
      StateGenerations.Running running =
          StateGenerations.running(
              context.getSecondaryResource(ConfigMap.class).orElse(null), team.get());
      List<String> applicationIds =
          new ArrayList<>(running.applicationIds(resource.getMetadata().getName()));
      String first = team.get().topicPrefix() + resource.getMetadata().getName();
      if (!applicationIds.contains(first)) {
        applicationIds.add(first);
      }
      String applicationId = String.join(", ", applicationIds);
      PipelineLeftovers.Others others = othersOf(resource, context);
      List<String> problems = new ArrayList<>();
      for (String id : applicationIds) {
        problems.addAll(leftovers.remove(id, others));
      }
      if (!problems.isEmpty()) {
        LOG.warn("could not remove everything of {} yet: {}", applicationId, problems);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_CLEANUP);
      }
      if (credentials != null) {
        try {
          credentials.revokeAll(
              team.get().slug(), resource.getMetadata().getName(), resource.getMetadata().getUid());
        } catch (KafkaAccessException e) {
          LOG.warn("could not remove the Kafka users of {} yet: {}", applicationId, e.getMessage());
          return DeleteControl.noFinalizerRemoval().rescheduleAfter(RETRY_CLEANUP);
        }
      }
      topics.forget(resource.getMetadata().getUid());
      lagRounds.forget(ResourceID.fromResource(resource));
      LOG.info("removed the consumer group and internal topics of {}", applicationId);
      return DeleteControl.defaultDelete();
    }
  }

  private WorkerScaling scaling(
      PipelineResource resource,
      ValidatedPipeline pipeline,
      TopicProvisioning provisioned,
      PipelineMetrics metrics,
      LagSummary lag) {
    ReplicaBounds bounds = Planner.replicaBounds(pipeline, provisioned.inputPartitions());
    PipelineStatus previous = resource.getStatus();
    return WorkerScaling.decide(
        clock.instant(),
        previous == null ? null : previous.desiredReplicas(),
        bounds,
        pipeline.spec().runtimeOrDefault().autoscaling(),
        metrics,
        lag);
  }

  /**
   * Removes the consumer group and internal topics of earlier generations of the state, once the
   * current one has rolled out.
   *
   * @return the application ids still to be removed
   */
  private List<String> retire(
      PipelineResource resource, Context<PipelineResource> context, List<String> retired)
      throws InterruptedException {
    PipelineLeftovers.Others others = othersOf(resource, context);
    List<String> left = new ArrayList<>();
    for (String id : retired) {
      List<String> problems = leftovers.remove(id, others);
      if (problems.isEmpty()) {
        LOG.info("removed the consumer group and internal topics of {}", id);
      } else {
        LOG.warn("could not remove everything of {} yet: {}", id, problems);
        left.add(id);
      }
    }
    return left;
  }

  private List<Pod> podsOf(PipelineResource resource) {
    if (pods == null) {
      return List.of();
    }
    String name = resource.getMetadata().getName();
    return pods.list(
            resource.getMetadata().getNamespace(),
            pod -> name.equals(pod.getMetadata().getLabels().get(WorkerLabels.INSTANCE)))
        .toList();
  }

  /** What the pipeline's worker pods' container states say, from the pod informer's cache. */
  private Optional<WorkerPodFailures.Failure> failures(PipelineResource resource) {
    if (pods == null) {
      return Optional.empty();
    }
    String name = resource.getMetadata().getName();
    List<Pod> theirs =
        pods.list(
                resource.getMetadata().getNamespace(),
                pod -> name.equals(pod.getMetadata().getLabels().get(WorkerLabels.INSTANCE)))
            .toList();
    return WorkerPodFailures.of(theirs);
  }

  private WorkerPlan workerPlan(
      PipelineResource resource,
      Team team,
      ValidatedPipeline pipeline,
      int replicas,
      String kafkaUser) {
    return WorkerPlan.of(
        resource.getMetadata().getNamespace(),
        team.slug(),
        team.topicPrefix(),
        pipeline,
        replicas,
        PipelineAnnotations.restartedAt(resource),
        generation(resource),
        workerSettings,
        kafkaUser);
  }

  /** Every wanted worker runs the workload's current template and is ready. */
  private static boolean running(WorkloadProgress progress) {
    return progress.wanted() > 0 && progress.rolledOut() && progress.ready() >= progress.wanted();
  }

  /** Whether the workload's pod template runs {@code generation} of the state now. */
  private static boolean runsGeneration(
      Context<PipelineResource> context, WorkerPlan plan, int generation) {
    Optional<PodTemplateSpec> template =
        plan.keepsState()
            ? context.getSecondaryResource(StatefulSet.class).map(s -> s.getSpec().getTemplate())
            : context.getSecondaryResource(Deployment.class).map(d -> d.getSpec().getTemplate());
    String wanted = Integer.toString(generation);
    return template.stream()
        .flatMap(t -> t.getSpec().getContainers().stream())
        .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.empty() : c.getEnv().stream())
        .anyMatch(
            e -> e.getName().equals("TRIBUTARY_STATE_GENERATION") && wanted.equals(e.getValue()));
  }

  /** The Kafka user the workload's pod template runs with, as the cluster has it now. */
  private static String templateKafkaUser(Context<PipelineResource> context, WorkerPlan plan) {
    Optional<PodTemplateSpec> template =
        plan.keepsState()
            ? context.getSecondaryResource(StatefulSet.class).map(s -> s.getSpec().getTemplate())
            : context.getSecondaryResource(Deployment.class).map(d -> d.getSpec().getTemplate());
    return template
        .map(t -> t.getMetadata().getAnnotations())
        .map(a -> a.get(WorkerPodTemplate.KAFKA_USER_ANNOTATION))
        .orElse(null);
  }

  private static WorkloadProgress progress(Context<PipelineResource> context, WorkerPlan plan) {
    Optional<? extends HasMetadata> workload =
        plan.keepsState()
            ? context.getSecondaryResource(StatefulSet.class)
            : context.getSecondaryResource(Deployment.class);
    return workload
        .map(Workloads::progress)
        .orElse(new WorkloadProgress(plan.replicas(), 0, 0, 0, false, false, null));
  }

  private static List<HasMetadata> workloads(Context<PipelineResource> context) {
    List<HasMetadata> workloads = new ArrayList<>();
    context.getSecondaryResource(StatefulSet.class).ifPresent(workloads::add);
    context.getSecondaryResource(Deployment.class).ifPresent(workloads::add);
    return workloads;
  }

  /** The application ids and declared topics of every other pipeline the operator knows. */
  private PipelineLeftovers.Others othersOf(
      PipelineResource deleted, Context<PipelineResource> context) {
    Set<String> applicationIds = new HashSet<>();
    Set<String> topicsDeclared = new HashSet<>();
    context
        .getPrimaryCache()
        .list()
        .forEach(
            other -> {
              Optional<Team> team = team(other.getMetadata().getNamespace());
              if (team.isEmpty()) {
                return;
              }
              validate(other, team.get())
                  .validated()
                  .map(Planner::plan)
                  .ifPresent(plan -> plan.topics().forEach(t -> topicsDeclared.add(t.name())));
              if (!Objects.equals(other.getMetadata().getUid(), deleted.getMetadata().getUid())) {
                applicationIds.add(team.get().topicPrefix() + other.getMetadata().getName());
              }
            });
    return new PipelineLeftovers.Others(applicationIds, topicsDeclared);
  }

  private Optional<Team> team(String namespace) {
    Namespace found =
        namespaces == null ? null : namespaces.get(new ResourceID(namespace)).orElse(null);
    return TeamNamespaces.team(namespace, found);
  }

  /**
   * The resource as the document the validator and the worker read, with the team's prefix. The
   * resource's labels stay out of it: they are Kubernetes' (tools add and change them), and a
   * relabelled pipeline must not restart its workers.
   */
  static ValidationResult validate(PipelineResource resource, Team team) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode tree = json.objectNode();
    tree.put("apiVersion", PipelineDocument.API_VERSION);
    tree.put("kind", PipelineDocument.KIND);
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", resource.getMetadata().getName());
    metadata.put("team", team.slug());
    JsonNode spec = resource.getSpec();
    tree.set("spec", spec == null ? json.nullNode() : spec.deepCopy());
    return PipelineValidator.validate(tree, team.validationContext());
  }

  private static WorkerPlan plan(Context<PipelineResource> context) {
    return WorkerPlan.from(context);
  }

  private static long generation(PipelineResource resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  /**
   * Writes the status only when it changed: reconciling the same state again writes nothing. Every
   * change of phase and every condition's transition becomes a Kubernetes Event.
   */
  private UpdateControl<PipelineResource> status(
      PipelineResource resource, PipelineStatus status, Context<PipelineResource> context) {
    if (status.equals(resource.getStatus())) {
      return UpdateControl.noUpdate();
    }
    PipelinePhase before = resource.getStatus() == null ? null : resource.getStatus().phase();
    if (before != status.phase()) {
      LOG.info("phase {} -> {}", before, status.phase());
    }
    List<StatusEvents.Transition> transitions = StatusEvents.between(resource.getStatus(), status);
    resource.setStatus(status);
    // With the resource version of the state just reconciled: an edit made meanwhile (a spec, a
    // restart or pause annotation) fails this write with a conflict, and the reconciliation runs
    // again on the edited resource. The Operator SDK's own status patch carries no version, and the
    // event of an edit older than its answer is dropped as stale: the edit would wait for the next
    // scheduled reconciliation. The event of this write itself is filtered, as the SDK's would be.
    context.resourceOperations().updatePrimaryStatus(resource);
    events.record(StatusEvents.events(resource, transitions, clock.instant()));
    return UpdateControl.noUpdate();
  }

  /** The team and pipeline of the reconciliation, on every line it logs (docs/kubernetes.md). */
  private record LogContext() implements AutoCloseable {
    static LogContext of(PipelineResource resource, Optional<Team> team) {
      MDC.put("namespace", resource.getMetadata().getNamespace());
      MDC.put("pipeline", resource.getMetadata().getName());
      team.ifPresent(t -> MDC.put("team", t.slug()));
      return new LogContext();
    }

    @Override
    public void close() {
      MDC.remove("namespace");
      MDC.remove("pipeline");
      MDC.remove("team");
    }
  }
}
