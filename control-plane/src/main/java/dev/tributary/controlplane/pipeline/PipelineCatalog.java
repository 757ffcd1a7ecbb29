package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.api.Cursor;
import dev.tributary.controlplane.audit.AuditAction;
import dev.tributary.controlplane.audit.AuditLog;
import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.deploy.DeployTarget.PipelineRef;
import dev.tributary.controlplane.deploy.DeploymentStatus;
import dev.tributary.controlplane.problem.ProblemException;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.revision.Revision;
import dev.tributary.controlplane.revision.RevisionHistory;
import dev.tributary.controlplane.revision.RevisionPage;
import dev.tributary.controlplane.revision.RevisionView;
import dev.tributary.controlplane.security.Permission;
import dev.tributary.controlplane.security.TeamAccess;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.validation.DocumentSyntax;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The pipelines of every team and their history. Each write runs in one transaction holding the
 * team's row lock: writers of one team take turns, so a stale ETag is always seen (412, never a
 * lost update), quotas cannot be overrun by racing creates, and a failure leaves nothing behind —
 * pipeline row, revision and audit event commit together or not at all.
 */
@ApplicationScoped
public class PipelineCatalog {

  private static final Logger LOG = Logger.getLogger(PipelineCatalog.class);

  @Inject TeamAccess access;
  @Inject AuditLog audit;
  @Inject RevisionHistory history;
  @Inject DeployTarget deployTarget;

  /** What a write did, and the pipeline after it. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * What a write did, and the pipeline after it; for a dry run, nothing was written and {@code
   * plan} says what the write would do.
   */
  public record Change(Outcome outcome, PipelineView pipeline, UpgradePlan plan) {
    Change(Outcome outcome, PipelineView pipeline) {
      this(outcome, pipeline, null);
    }

    public String etag() {
      return Pipeline.etag(pipeline.revision());
    }
  }

  @Transactional
  public PipelinePage list(String teamSlug, PipelineState state, String cursor, Integer limit) {
    Team team = access.require(teamSlug, Permission.READ);
    int pageSize = Cursor.limit(limit);
    String after = Cursor.decode(cursor);
    StringBuilder query = new StringBuilder("team = :team");
    Map<String, Object> params = new HashMap<>();
    params.put("team", team);
    if (state != null) {
      query.append(" and state = :state");
      params.put("state", state);
    }
    if (after != null) {
      query.append(" and name > :after");
      params.put("after", after);
    }
    // One more than asked tells whether there is a next page without counting.
    List<Pipeline> rows =
        Pipeline.<Pipeline>find(query + " order by name", params).page(0, pageSize + 1).list();
    boolean more = rows.size() > pageSize;
    List<Pipeline> page = more ? rows.subList(0, pageSize) : rows;
    return new PipelinePage(
        page.stream().map(PipelineSummary::of).toList(),
        more ? Cursor.encode(page.get(page.size() - 1).name) : null);
  }

  @Transactional
  public PipelineView get(String teamSlug, String name) {
    Team team = access.require(teamSlug, Permission.READ);
    Pipeline pipeline = existing(team, name);
    return PipelineView.of(pipeline, current(pipeline));
  }

  /** A dry run of {@link #put}: the same checks, nothing written. */
  @Transactional
  public ValidationReport validate(String teamSlug, String text, DocumentSyntax syntax) {
    Team team = access.require(teamSlug, Permission.READ);
    Candidate candidate = PipelineValidation.check(team, null, text, syntax);
    Pipeline existing = Pipeline.find(team, candidate.name()).orElse(null);
    QuotaCheck.check(team, existing, candidate);
    return new ValidationReport(
        true, candidate.name(), existing != null, Planner.plan(candidate.validated()));
  }

  /**
   * What replacing (or creating) the pipeline with this document would do, with nothing written:
   * the diff, the rollout, and per table and stateful step whether its state is kept and why.
   */
  @Transactional
  public UpgradePlan plan(String teamSlug, String name, String text, DocumentSyntax syntax) {
    Team team = access.require(teamSlug, Permission.READ);
    Candidate candidate = PipelineValidation.check(team, name, text, syntax);
    Pipeline pipeline = Pipeline.find(team, name).orElse(null);
    if (pipeline == null) {
      return Upgrades.plan(
          name, null, null, null, candidate, Upgrades.Generations.NEW_PIPELINE, deployTarget);
    }
    return plan(team, pipeline, current(pipeline), candidate, true);
  }

  /**
   * @param withOffsets whether a plan that starts a new generation of state reads where its
   *     consumer group would start (a call to Kafka, for the plan shown to people)
   */
  private UpgradePlan plan(
      Team team, Pipeline pipeline, Revision current, Candidate candidate, boolean withOffsets) {
    Candidate previous = inForce(team, current);
    Upgrades.Generations generations = generations(pipeline);
    UpgradePlan plan =
        Upgrades.plan(
            pipeline.name,
            current.number,
            current.document,
            previous,
            candidate,
            generations,
            deployTarget);
    return withOffsets
        ? Upgrades.withStartingOffsets(
            plan, ref(pipeline), previous, candidate, generations, deployTarget)
        : plan;
  }

  private static Upgrades.Generations generations(Pipeline pipeline) {
    return new Upgrades.Generations(
        pipeline.stateGeneration, Revision.largestStateGeneration(pipeline) + 1);
  }

  /** The generation an update whose plan this is runs under. */
  private static int generationAfter(Pipeline pipeline, UpgradePlan plan) {
    return Upgrades.startsGeneration(plan)
        ? Revision.largestStateGeneration(pipeline) + 1
        : pipeline.stateGeneration;
  }

  private static Candidate inForce(Team team, Revision current) {
    Candidate previous;
    try {
      previous = PipelineValidation.recheck(team, current.document);
    } catch (ProblemException e) {
      throw Problems.conflict(
          "the document in force (revision "
              + current.number
              + ") no longer passes validation for team '"
              + team.slug
              + "' ("
              + e.getMessage()
              + "), so what this update does to its state cannot be judged");
    }
    return previous;
  }

  /**
   * Creates or replaces a pipeline by name. Replacing needs If-Match with the current ETag; sending
   * the document in force again changes nothing (a safe retry). An update whose stateful steps
   * cannot keep their state is refused unless the document asks for reset-state ({@link Upgrades}).
   * A dry run makes every check and writes nothing.
   */
  @Transactional
  public Change put(
      String teamSlug,
      String name,
      String text,
      DocumentSyntax syntax,
      Preconditions preconditions,
      ChangeSource source,
      boolean dryRun) {
    Team team = access.require(teamSlug, Permission.WRITE_PIPELINES);
    Candidate candidate = PipelineValidation.check(team, name, text, syntax);
    lock(team);
    Pipeline pipeline = Pipeline.find(team, name).orElse(null);
    if (pipeline == null) {
      if (preconditions.hasIfMatch()) {
        throw Problems.preconditionFailed(
            "If-Match was sent but team '" + team.slug + "' has no pipeline '" + name + "'");
      }
      QuotaCheck.check(team, null, candidate);
      Pipeline overlapping = Pipeline.findOverlapping(team, name).orElse(null);
      if (overlapping != null) {
        throw Problems.pipelineNameOverlaps(team.slug, name, overlapping.name);
      }
      if (dryRun) {
        return new Change(
            Outcome.CREATED,
            null,
            Upgrades.plan(
                name,
                null,
                null,
                null,
                candidate,
                Upgrades.Generations.NEW_PIPELINE,
                deployTarget));
      }
      return new Change(Outcome.CREATED, create(team, candidate, source));
    }
    Revision current = current(pipeline);
    if (preconditions.createOnly()) {
      throw Problems.preconditionFailed(
          "If-None-Match: * was sent but the pipeline exists, at revision "
              + pipeline.currentRevision);
    }
    if (current.document.equals(candidate.canonicalJson())) {
      return new Change(
          Outcome.UNCHANGED,
          PipelineView.of(pipeline, current),
          dryRun ? plan(team, pipeline, current, candidate, true) : null);
    }
    requireCurrent(pipeline, preconditions, true);
    QuotaCheck.check(team, pipeline, candidate);
    UpgradePlan plan = plan(team, pipeline, current, candidate, dryRun);
    Upgrades.require(plan, candidate);
    if (dryRun) {
      return new Change(Outcome.UPDATED, null, plan);
    }
    pipeline.stateGeneration = generationAfter(pipeline, plan);
    Revision revision = revise(pipeline, current, candidate, source, null);
    audit.record(
        AuditAction.PIPELINE_UPDATED,
        team.slug,
        name,
        current.number,
        revision.number,
        source,
        null);
    return new Change(Outcome.UPDATED, PipelineView.of(pipeline, revision));
  }

  /** A new revision with the document of an earlier one. */
  @Transactional
  public Change rollback(
      String teamSlug,
      String name,
      int toRevision,
      Preconditions preconditions,
      ChangeSource source) {
    Team team = access.require(teamSlug, Permission.WRITE_PIPELINES);
    lock(team);
    Pipeline pipeline = existing(team, name);
    requireCurrent(pipeline, preconditions, false);
    Revision target =
        Revision.find(pipeline, toRevision)
            .orElseThrow(() -> Problems.revisionNotFound(name, toRevision));
    Revision current = current(pipeline);
    // The team's topic prefix or quotas may have changed since: the old document is checked again.
    Candidate candidate =
        PipelineValidation.check(team, name, target.document, DocumentSyntax.JSON);
    if (current.document.equals(candidate.canonicalJson())) {
      return new Change(Outcome.UNCHANGED, PipelineView.of(pipeline, current));
    }
    QuotaCheck.check(team, pipeline, candidate);
    UpgradePlan plan = plan(team, pipeline, current, candidate, false);
    Upgrades.require(plan, candidate);
    pipeline.stateGeneration = generationAfter(pipeline, plan);
    Revision revision = revise(pipeline, current, candidate, source, toRevision);
    audit.record(
        AuditAction.PIPELINE_ROLLED_BACK,
        team.slug,
        name,
        current.number,
        revision.number,
        source,
        "restored the document of revision " + toRevision);
    return new Change(Outcome.UPDATED, PipelineView.of(pipeline, revision));
  }

  @Transactional
  public void delete(
      String teamSlug, String name, Preconditions preconditions, ChangeSource source) {
    Team team = access.require(teamSlug, Permission.WRITE_PIPELINES);
    lock(team);
    Pipeline pipeline = existing(team, name);
    requireCurrent(pipeline, preconditions, false);
    deployTarget.delete(ref(pipeline));
    audit.record(
        AuditAction.PIPELINE_DELETED,
        team.slug,
        name,
        pipeline.currentRevision,
        null,
        source,
        null);
    pipeline.delete();
  }

  @Transactional
  public PipelineView pause(String teamSlug, String name, ChangeSource source) {
    return changeState(teamSlug, name, PipelineState.PAUSED, source);
  }

  @Transactional
  public PipelineView resume(String teamSlug, String name, ChangeSource source) {
    return changeState(teamSlug, name, PipelineState.ACTIVE, source);
  }

  @Transactional
  public PipelineView restart(String teamSlug, String name, ChangeSource source) {
    Team team = access.require(teamSlug, Permission.WRITE_PIPELINES);
    Pipeline pipeline = existingForUpdate(team, name);
    if (pipeline.state == PipelineState.PAUSED) {
      throw Problems.conflict("pipeline '" + name + "' is paused; resume it instead of restarting");
    }
    deployTarget.restart(ref(pipeline));
    audit.record(
        AuditAction.PIPELINE_RESTARTED,
        team.slug,
        name,
        pipeline.currentRevision,
        pipeline.currentRevision,
        source,
        null);
    return PipelineView.of(pipeline, current(pipeline));
  }

  /** Replaces the Kafka credential of the pipeline's workers; see {@link DeployTarget}. */
  @Transactional
  public PipelineView rotateCredentials(String teamSlug, String name, ChangeSource source) {
    Team team = access.require(teamSlug, Permission.WRITE_PIPELINES);
    Pipeline pipeline = existingForUpdate(team, name);
    if (!deployTarget.rotatesCredentials()) {
      throw Problems.kafkaNotSecured();
    }
    deployTarget.rotateCredentials(ref(pipeline));
    audit.record(
        AuditAction.PIPELINE_CREDENTIALS_ROTATED,
        team.slug,
        name,
        pipeline.currentRevision,
        pipeline.currentRevision,
        source,
        null);
    return PipelineView.of(pipeline, current(pipeline));
  }

  @Transactional
  public RevisionPage revisions(String teamSlug, String name, String cursor, Integer limit) {
    Team team = access.require(teamSlug, Permission.READ);
    Pipeline pipeline = existing(team, name);
    int pageSize = Cursor.limit(limit);
    Integer below = cursor == null || cursor.isEmpty() ? null : (int) Cursor.decodeNumber(cursor);
    List<Revision> rows = history.page(pipeline, below, pageSize + 1);
    boolean more = rows.size() > pageSize;
    List<Revision> page = more ? rows.subList(0, pageSize) : rows;
    return new RevisionPage(
        page.stream().map(r -> RevisionView.of(r, false)).toList(),
        more ? Cursor.encode(Integer.toString(page.get(page.size() - 1).number)) : null);
  }

  @Transactional
  public RevisionView revision(String teamSlug, String name, int number) {
    Team team = access.require(teamSlug, Permission.READ);
    Pipeline pipeline = existing(team, name);
    return RevisionView.of(
        Revision.find(pipeline, number).orElseThrow(() -> Problems.revisionNotFound(name, number)),
        true);
  }

  /** A document checked as {@link #put} checks it, without saving it or checking quotas. */
  @Transactional
  public ValidatedPipeline candidate(String teamSlug, String text, DocumentSyntax syntax) {
    Team team = access.require(teamSlug, Permission.READ);
    return PipelineValidation.check(team, null, text, syntax).validated();
  }

  /** The document in force of a pipeline the caller may read, validated again. */
  @Transactional
  public ValidatedPipeline inForce(String teamSlug, String name) {
    Team team = access.require(teamSlug, Permission.READ);
    Pipeline pipeline = existing(team, name);
    return PipelineValidation.recheck(team, current(pipeline).document)
        .validated()
        .withStateGeneration(pipeline.stateGeneration);
  }

  @Transactional
  public Explanation explain(String teamSlug, String name) {
    Team team = access.require(teamSlug, Permission.READ);
    Pipeline pipeline = existing(team, name);
    Candidate candidate = PipelineValidation.recheck(team, current(pipeline).document);
    return Explanation.of(
        pipeline.currentRevision,
        candidate.validated().withStateGeneration(pipeline.stateGeneration));
  }

  private PipelineView create(Team team, Candidate candidate, ChangeSource source) {
    Instant now = Instant.now();
    Pipeline pipeline = new Pipeline();
    pipeline.team = team;
    pipeline.name = candidate.name();
    pipeline.state = PipelineState.ACTIVE;
    pipeline.createdAt = now;
    pipeline.stateGeneration = 1;
    Revision revision = revise(pipeline, null, candidate, source, null);
    audit.record(
        AuditAction.PIPELINE_CREATED,
        team.slug,
        pipeline.name,
        null,
        revision.number,
        source,
        null);
    return PipelineView.of(pipeline, revision);
  }

  private Revision revise(
      Pipeline pipeline,
      Revision previous,
      Candidate candidate,
      ChangeSource source,
      Integer rolledBackFrom) {
    return revise(
        pipeline, previous, candidate, source, rolledBackFrom, access.caller().username(), true);
  }

  /**
   * Writes the pipeline's next revision under the pipeline's {@code stateGeneration}, which the
   * caller sets first, and hands it to the deploy target.
   *
   * @param author who the revision is recorded for
   * @param deploy false when the change comes from the deploy target itself (a resource edited with
   *     kubectl), which already holds it
   */
  Revision revise(
      Pipeline pipeline,
      Revision previous,
      Candidate candidate,
      ChangeSource source,
      Integer rolledBackFrom,
      String author,
      boolean deploy) {
    if (previous != null && deployTarget.runsPipelines()) {
      // The revision being replaced may have run for less than one automatic-rollback check:
      // what the target reports now is the last word on it.
      DeploymentStatus status = deployTarget.status(ref(pipeline));
      if (status.phase() == PipelinePhase.RUNNING
          && Integer.valueOf(previous.number).equals(status.deployedRevision())) {
        pipeline.lastRunningRevision = previous.number;
      }
    }
    pipeline.currentRevision = previous == null ? 1 : previous.number + 1;
    pipeline.maxReplicas = candidate.maxReplicas();
    pipeline.description = candidate.document().metadata().description();
    pipeline.updatedAt = Instant.now();
    pipeline.updatedBy = author;
    if (pipeline.id == null) {
      pipeline.persist();
    }
    recordTopics(pipeline, candidate);
    Revision revision =
        history.append(
            pipeline,
            previous == null ? null : previous.document,
            candidate.canonicalJson(),
            source,
            author,
            rolledBackFrom);
    if (deploy && pipeline.state == PipelineState.ACTIVE) {
      deployTarget.apply(
          ref(pipeline),
          revision.number,
          candidate.validated().withStateGeneration(pipeline.stateGeneration));
    }
    return revision;
  }

  /** The author of the revisions, and the actor of the audit events, of automatic rollbacks. */
  public static final String AUTOMATIC_ROLLBACK_AUTHOR = "tributary (automatic rollback)";

  /** What {@link #rollBackAutomatically} did. */
  public enum AutomaticRollbackOutcome {
    ROLLED_BACK,
    /** The pipeline changed meanwhile (a new revision, paused, deleted): nothing to do. */
    OBSOLETE,
    /** The revision to restore cannot be restored now; the reason is logged. */
    REFUSED
  }

  /**
   * Records that the deploy target reported {@code revision} Running with every worker on it, if it
   * is still the pipeline's current revision.
   */
  @Transactional
  public void recordRunning(long teamId, long pipelineId, int revision) {
    Pipeline pipeline = lockedPipeline(teamId, pipelineId);
    if (pipeline != null && pipeline.currentRevision == revision) {
      pipeline.lastRunningRevision = revision;
    }
  }

  /**
   * Replaces {@code failed}, a revision that did not become Running in time, by a new revision with
   * the document of the last revision that ran, under that revision's state generation (so its
   * state comes back where it was kept), and hands it to the deploy target. Under the team's row
   * lock, and only while {@code failed} is still the active pipeline's current revision and is not
   * itself an automatic rollback.
   *
   * @param reason why, for the audit event and the status
   */
  @Transactional
  public AutomaticRollbackOutcome rollBackAutomatically(
      long teamId, long pipelineId, int failed, String reason) {
    Pipeline pipeline = lockedPipeline(teamId, pipelineId);
    if (pipeline == null
        || pipeline.currentRevision != failed
        || pipeline.state != PipelineState.ACTIVE
        || pipeline.lastRunningRevision == null
        || pipeline.lastRunningRevision == failed) {
      return AutomaticRollbackOutcome.OBSOLETE;
    }
    Revision current = current(pipeline);
    if (current.source == ChangeSource.AUTOMATIC) {
      return AutomaticRollbackOutcome.OBSOLETE;
    }
    Team team = pipeline.team;
    int toRevision = pipeline.lastRunningRevision;
    Revision target = Revision.find(pipeline, toRevision).orElse(null);
    if (target == null) {
      LOG.warnf(
          "%s/%s: revision %d to roll back to is missing", team.slug, pipeline.name, toRevision);
      return AutomaticRollbackOutcome.REFUSED;
    }
    if (target.document.equals(current.document)
        && target.stateGeneration == pipeline.stateGeneration) {
      LOG.warnf(
          "%s/%s: revision %d is not Running, and revision %d, the last that ran, has the same"
              + " document and state: nothing to roll back to",
          team.slug, pipeline.name, failed, toRevision);
      return AutomaticRollbackOutcome.REFUSED;
    }
    Candidate candidate;
    try {
      // The team's topic prefix or quotas may have changed since the revision ran.
      candidate = PipelineValidation.recheck(team, target.document);
      QuotaCheck.check(team, pipeline, candidate);
    } catch (ProblemException e) {
      LOG.warnf(
          "%s/%s: revision %d is not Running, and revision %d cannot be restored: %s",
          team.slug, pipeline.name, failed, toRevision, e.getMessage());
      return AutomaticRollbackOutcome.REFUSED;
    }
    pipeline.stateGeneration = target.stateGeneration;
    Revision revision =
        revise(
            pipeline,
            current,
            candidate,
            ChangeSource.AUTOMATIC,
            toRevision,
            AUTOMATIC_ROLLBACK_AUTHOR,
            true);
    pipeline.automaticRollbackFrom = failed;
    pipeline.automaticRollbackTo = toRevision;
    pipeline.automaticRollbackRevision = revision.number;
    pipeline.automaticRollbackAt = revision.createdAt;
    pipeline.automaticRollbackReason = AuditLog.fit(reason);
    audit.recordAs(
        AUTOMATIC_ROLLBACK_AUTHOR,
        AuditAction.PIPELINE_ROLLED_BACK_AUTOMATICALLY,
        team.slug,
        pipeline.name,
        failed,
        revision.number,
        ChangeSource.AUTOMATIC,
        "restored the document of revision " + toRevision + ": " + reason);
    return AutomaticRollbackOutcome.ROLLED_BACK;
  }

  /** The pipeline, read after taking its team's row lock and its own; null when gone. */
  private static Pipeline lockedPipeline(long teamId, long pipelineId) {
    Team team = Team.findById(teamId);
    if (team == null) {
      return null;
    }
    lock(team);
    return Pipeline.findById(pipelineId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** The topics the pipeline's revision plans, which the team's topic quotas count. */
  static void recordTopics(Pipeline pipeline, Candidate candidate) {
    PipelineTopic.delete("pipeline", pipeline);
    candidate
        .plannedTopics()
        .forEach(
            (name, partitions) -> {
              PipelineTopic topic = new PipelineTopic();
              topic.pipeline = pipeline;
              topic.name = name;
              topic.partitions = partitions;
              topic.persist();
            });
  }

  private PipelineView changeState(
      String teamSlug, String name, PipelineState target, ChangeSource source) {
    Team team = access.require(teamSlug, Permission.WRITE_PIPELINES);
    Pipeline pipeline = existingForUpdate(team, name);
    if (pipeline.state != target) {
      pipeline.state = target;
      pipeline.updatedAt = Instant.now();
      pipeline.updatedBy = access.caller().username();
      if (target == PipelineState.PAUSED) {
        deployTarget.pause(ref(pipeline));
      } else {
        // Changes made while paused were recorded, not applied: resume runs the current revision.
        Candidate candidate = PipelineValidation.recheck(team, current(pipeline).document);
        deployTarget.resume(
            ref(pipeline),
            pipeline.currentRevision,
            candidate.validated().withStateGeneration(pipeline.stateGeneration));
      }
      audit.record(
          target == PipelineState.PAUSED
              ? AuditAction.PIPELINE_PAUSED
              : AuditAction.PIPELINE_RESUMED,
          team.slug,
          name,
          pipeline.currentRevision,
          pipeline.currentRevision,
          source,
          null);
    }
    return PipelineView.of(pipeline, current(pipeline));
  }

  private static void requireCurrent(
      Pipeline pipeline, Preconditions preconditions, boolean required) {
    if (!preconditions.hasIfMatch()) {
      if (required) {
        throw Problems.preconditionRequired(
            "pipeline '"
                + pipeline.name
                + "' exists at revision "
                + pipeline.currentRevision
                + "; send If-Match: "
                + pipeline.etag()
                + " (from GET) to replace it");
      }
      return;
    }
    if (!preconditions.matches(pipeline.etag())) {
      throw Problems.preconditionFailed(
          "pipeline '"
              + pipeline.name
              + "' is at revision "
              + pipeline.currentRevision
              + ", not "
              + preconditions.ifMatch()
              + "; read it again and reapply your change");
    }
  }

  static void lock(Team team) {
    Team.getEntityManager().refresh(team, LockModeType.PESSIMISTIC_WRITE);
  }

  /** The team's pipeline, or a 404 problem. */
  public static Pipeline existing(Team team, String name) {
    return Pipeline.find(team, name).orElseThrow(() -> Problems.pipelineNotFound(team.slug, name));
  }

  private static Pipeline existingForUpdate(Team team, String name) {
    return Pipeline.findForUpdate(team, name)
        .orElseThrow(() -> Problems.pipelineNotFound(team.slug, name));
  }

  static Revision current(Pipeline pipeline) {
    return Revision.find(pipeline, pipeline.currentRevision)
        .orElseThrow(
            () ->
                new IllegalStateException("pipeline " + pipeline.id + " has no current revision"));
  }

  static PipelineRef ref(Pipeline pipeline) {
    return pipeline.ref();
  }
}
