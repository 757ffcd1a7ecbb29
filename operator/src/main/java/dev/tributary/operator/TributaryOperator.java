package dev.tributary.operator;

import dev.tributary.operator.pipeline.EventRecorder;
import dev.tributary.operator.pipeline.PipelineKafkaCredentials;
import dev.tributary.operator.pipeline.PipelineLeftovers;
import dev.tributary.operator.pipeline.PipelineReconciler;
import dev.tributary.operator.pipeline.PipelineResource;
import dev.tributary.operator.pipeline.PipelineTopics;
import dev.tributary.operator.pipeline.lag.LagRounds;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.cleanup.PipelineCleanup;
import dev.tributary.runtime.metrics.LagCollector;
import dev.tributary.runtime.metrics.OffsetReader;
import dev.tributary.runtime.metrics.RecordTimestamps;
import dev.tributary.runtime.topic.BatchedTopicProvisioner;
import dev.tributary.runtime.topic.TopicProvisioner;
import dev.tributary.runtime.upgrade.OffsetHandOver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;

/**
 * The operator: Java Operator SDK's {@link Operator} with the {@code Pipeline} reconciler, Kafka's
 * Admin client for topics and cleanup, Micrometer metrics, and leader election on a Lease so that
 * of several replicas only one acts.
 *
 * <p>Resources are written with updates, not server-side apply (see {@code OwnedResource}), and the
 * pipeline's status with a JSON merge patch; reconciliation is not generation-aware, because
 * pausing and restarting are annotations, which do not change a resource's generation.
 */
public final class TributaryOperator implements AutoCloseable {

  /** A killed worker's static membership lasts its session; the group empties after that. */
  private static final Duration GROUP_EMPTY_TIMEOUT = Duration.ofSeconds(90);

  private static final int TOPIC_SENDERS = 4;
  private static final int MAX_TOPICS_PER_BATCH = 1_000;
  private static final int EVENT_BACKLOG = 10_000;

  /**
   * The Operator SDK counts events that are no resource's change (a timer's) under the same name as
   * resource events but without their {@code action} tag, and Prometheus refuses a name with two
   * sets of tag keys: those get {@code action="none"}.
   */
  private static final MeterFilter EVENTS_WITHOUT_ACTION =
      new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          return id.getName().equals("events.received") && id.getTag("action") == null
              ? id.withTag(Tag.of("action", "none"))
              : id;
        }
      };

  private final Operator operator;
  private final Admin admin;
  private final BatchedTopicProvisioner topics;
  private final EventRecorder events;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final boolean electsLeader;
  private final LagRounds<PipelineResource> lagRounds;

  private TributaryOperator(
      KubernetesClient client,
      OperatorSettings settings,
      MeterRegistry registry,
      Clock clock,
      boolean exitWhenLeadershipIsLost) {
    this.admin = Admin.create(settings.kafka().clientProperties("tributary-operator"));
    this.electsLeader = settings.leaseNamespace() != null;
    registry.config().meterFilter(EVENTS_WITHOUT_ACTION);
    this.operator =
        new Operator(
            overrider -> {
              overrider
                  .withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withMetrics(MicrometerMetricsV2.newBuilder(registry).build())
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withUseSSAToPatchPrimaryResource(false);
              if (electsLeader) {
                var leaderElection =
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            OperatorSettings.LEASE_NAME)
                        .withLeaseNamespace(settings.leaseNamespace())
                        .withIdentity(settings.identity())
                        .withLeaderCallbacks(
                            new LeaderCallbacks(
                                () -> leading.set(true), () -> leading.set(false), leader -> {}));
                overrider.withLeaderElectionConfiguration(
                    exitWhenLeadershipIsLost
                        ? leaderElection.build()
                        : leaderElection.buildForTest(false));
              }
            });
    this.lagRounds =
        new LagRounds<>(
            new LagCollector(
                new OffsetReader(admin, settings.adminTimeout()),
                new RecordTimestamps(
                    settings.kafka(), "tributary-operator-lag", Duration.ofSeconds(2))),
            settings.lagInterval(),
            settings.lagWindow());
    // The topics of every pipeline waiting for them go to Kafka together (a burst of a thousand
    // pipelines is a few rounds of Admin calls), and Events go out on their own thread: neither
    // holds a reconciliation thread while another pipeline's request is answered.
    this.topics =
        new BatchedTopicProvisioner(
            new TopicProvisioner(
                admin,
                settings.defaultPartitions(),
                settings.replicationFactor(),
                settings.adminTimeout()),
            TOPIC_SENDERS,
            MAX_TOPICS_PER_BATCH);
    this.events = new EventRecorder(client, EVENT_BACKLOG);
    PipelineReconciler reconciler =
        new PipelineReconciler(
            settings.worker(),
            new PipelineTopics(topics, settings.topicRecheck(), clock),
            new PipelineLeftovers(
                new PipelineCleanup(admin, settings.adminTimeout(), GROUP_EMPTY_TIMEOUT)),
            lagRounds,
            events,
            clock,
            settings.kafka().secured()
                ? new PipelineKafkaCredentials(
                    settings.kafka(), new KafkaAccess(admin, settings.adminTimeout()))
                : null,
            new OffsetHandOver(admin, settings.adminTimeout()));
    operator.register(
        reconciler,
        configuration -> {
          configuration.withGenerationAware(false);
          if (!settings.namespaces().isEmpty()) {
            configuration.settingNamespaces(settings.namespaces());
          }
        });
  }

  /**
   * @param exitWhenLeadershipIsLost end the process when another replica took the lease over (in a
   *     pod: the kubelet starts it again as a follower); tests keep the JVM
   */
  public static TributaryOperator create(
      KubernetesClient client,
      OperatorSettings settings,
      MeterRegistry registry,
      Clock clock,
      boolean exitWhenLeadershipIsLost) {
    return new TributaryOperator(client, settings, registry, clock, exitWhenLeadershipIsLost);
  }

  public void start() {
    operator.start();
  }

  /** Started, and — when this replica leads — every informer's cache synced. */
  public boolean ready() {
    if (!operator.getRuntimeInfo().isStarted()) {
      return false;
    }
    return electsLeader && !leading.get() || operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Whether this replica acts: it holds the lease, or runs without leader election. */
  public boolean leading() {
    return !electsLeader || leading.get();
  }

  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      topics.close();
      events.close();
      admin.close(Duration.ofSeconds(5));
    }
  }
}
