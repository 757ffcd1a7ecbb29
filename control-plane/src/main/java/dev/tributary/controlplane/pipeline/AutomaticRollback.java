package dev.tributary.controlplane.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.pipeline.PipelineCatalog.AutomaticRollbackOutcome;
import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.revision.Revision;
import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.UpgradeSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Rolls back a revision that does not become Running (docs/upgrades.md, "Automatic rollback").
 * Every {@code tributary.upgrade.check-interval} it reads the status of each active pipeline whose
 * current revision has not been seen Running yet: once the deploy target reports it Running with
 * every worker on it, that revision is recorded as the last that ran; when it is still not Running
 * {@code spec.upgrade.rollbackAfter} after it was written, the catalog restores the document of the
 * last revision that ran ({@link PipelineCatalog#rollBackAutomatically}). A target that runs
 * nothing ({@code none}) never reports Running, and nothing is checked there.
 */
@ApplicationScoped
public class AutomaticRollback {

  private static final Logger LOG = Logger.getLogger(AutomaticRollback.class);

  @Inject UpgradeConfig config;
  @Inject DeployTarget deployTarget;
  @Inject PipelineCatalog catalog;

  private ScheduledExecutorService checks;

  /**
   * When this control plane began watching: a revision written before it started is given its whole
   * deadline from then, as its workers may only be starting again.
   */
  private volatile Instant watchingSince;

  /** Revisions ({@code pipeline id/revision}) whose rollback the catalog refused: not retried. */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  /** An active pipeline whose current revision has not been seen Running. */
  record Watched(
      long teamId,
      long pipelineId,
      PipelineRef ref,
      int revision,
      Integer lastRunningRevision,
      boolean automatic,
      Instant writtenAt,
      Duration rollbackAfter) {}

  void onStart(@Observes StartupEvent event) {
    if (!deployTarget.runsPipelines()) {
      return;
    }
    watchingSince = Instant.now();
    checks =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("automatic-rollback").daemon().factory());
    long interval = config.checkInterval().toMillis();
    checks.scheduleWithFixedDelay(this::checkLogged, interval, interval, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (checks == null) {
      return;
    }
    checks.shutdown();
    try {
      if (!checks.awaitTermination(5, TimeUnit.SECONDS)) {
        checks.shutdownNow();
      }
    } catch (InterruptedException e) {
      checks.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** A failing check must not end the schedule: the next one tries again. */
  private void checkLogged() {
    try {
      check(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf(
          e,
          "the check for revisions to roll back failed; trying again in %s",
          config.checkInterval());
    }
  }

  void check(Instant now) {
    for (Watched pipeline : QuarkusTransaction.requiringNew().call(AutomaticRollback::watched)) {
      DeploymentStatus status = deployTarget.status(pipeline.ref());
      if (status.phase() == PipelinePhase.RUNNING
          && Objects.equals(status.deployedRevision(), pipeline.revision())) {
        catalog.recordRunning(pipeline.teamId(), pipeline.pipelineId(), pipeline.revision());
        continue;
      }
      if (pipeline.lastRunningRevision() == null || pipeline.automatic()) {
        continue;
      }
      Instant since =
          pipeline.writtenAt().isAfter(watchingSince) ? pipeline.writtenAt() : watchingSince;
      String key = pipeline.pipelineId() + "/" + pipeline.revision();
      if (now.isBefore(since.plus(pipeline.rollbackAfter())) || refused.contains(key)) {
        continue;
      }
      String reason = reason(pipeline, status);
      AutomaticRollbackOutcome outcome =
          catalog.rollBackAutomatically(
              pipeline.teamId(), pipeline.pipelineId(), pipeline.revision(), reason);
      switch (outcome) {
        case ROLLED_BACK ->
            LOG.warnf(
                "%s/%s: rolled back to the document of revision %d: %s",
                pipeline.ref().team(),
                pipeline.ref().name(),
                pipeline.lastRunningRevision(),
                reason);
        case REFUSED -> refused.add(key);
        case OBSOLETE -> {}
      }
    }
  }

  /** Active pipelines whose current revision has not been seen Running, with its deadline. */
  private static List<Watched> watched() {
    List<Object[]> rows =
        Pipeline.getEntityManager()
            .createQuery(
                "select p, r from Pipeline p join fetch p.team, Revision r"
                    + " where r.pipeline = p and r.number = p.currentRevision"
                    + " and p.state = :active"
                    + " and (p.lastRunningRevision is null"
                    + " or p.lastRunningRevision <> p.currentRevision)",
                Object[].class)
            .setParameter("active", PipelineState.ACTIVE)
            .getResultList();
    List<Watched> watched = new ArrayList<>();
    for (Object[] row : rows) {
      Pipeline pipeline = (Pipeline) row[0];
      Revision current = (Revision) row[1];
      watched.add(
          new Watched(
              pipeline.team.id,
              pipeline.id,
              pipeline.ref(),
              pipeline.currentRevision,
              pipeline.lastRunningRevision,
              current.source == ChangeSource.AUTOMATIC,
              pipeline.updatedAt,
              rollbackAfter(current.document)));
    }
    return watched;
  }

  /** {@code spec.upgrade.rollbackAfter} of a stored document, or its default. */
  static Duration rollbackAfter(String storedJson) {
    try {
      PipelineSpec spec =
          PipelineMapper.json().readValue(storedJson, PipelineDocument.class).spec();
      UpgradeSpec upgrade = spec == null ? null : spec.upgrade();
      return upgrade == null
          ? UpgradeSpec.DEFAULT_ROLLBACK_AFTER
          : upgrade.rollbackAfterOrDefault();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored document is not a pipeline", e);
    }
  }

  /**
   * Why the revision is rolled back: its phase and what the Valid, Ready, TopicsReady and
   * ReplicaFailure conditions say when they are not healthy.
   */
  static String reason(Watched pipeline, DeploymentStatus status) {
    StringBuilder reason =
        new StringBuilder("revision ")
            .append(pipeline.revision())
            .append(" was not Running ")
            .append(pipeline.rollbackAfter().toSeconds())
            .append(" s after it was written (spec.upgrade.rollbackAfter): phase ")
            .append(status.phase() == null ? "unknown" : status.phase().value());
    if (status.deployedRevision() != null && status.deployedRevision() != pipeline.revision()) {
      reason.append(", the workers run revision ").append(status.deployedRevision());
    }
    for (Condition condition : status.conditions()) {
      if (unhealthy(condition)) {
        reason.append("; ").append(condition.type()).append(": ").append(condition.message());
      }
    }
    return reason.toString();
  }

  private static boolean unhealthy(Condition condition) {
    if (condition.type() == null) {
      return false;
    }
    return switch (condition.type()) {
      case Condition.READY, Condition.TOPICS_READY -> !"True".equals(condition.status());
      case Condition.VALID -> "False".equals(condition.status());
      case Condition.REPLICA_FAILURE -> "True".equals(condition.status());
      default -> false;
    };
  }
}
