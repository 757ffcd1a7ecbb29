package dev.tributary.controlplane.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.controlplane.audit.AuditAction;
import dev.tributary.controlplane.audit.AuditLog;
import dev.tributary.controlplane.deploy.kubernetes.PipelineResources;
import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.revision.Revision;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidationResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Records in the catalog what a {@code Pipeline} resource holds when it was changed outside the
 * control plane (kubectl, GitOps): the resource is the desired state, the catalog its history. A
 * new spec becomes a revision with source {@code kubectl}, the pause annotation the pipeline's
 * state, a deleted resource a deleted pipeline; each with an audit event whose actor is the
 * resource's author as far as it tells ({@link PipelineResources#author}). Nothing is written back
 * to the deploy target: it already holds the change.
 */
@ApplicationScoped
public class ClusterRecording {

  private static final Logger LOG = Logger.getLogger(ClusterRecording.class);

  @Inject AuditLog audit;
  @Inject PipelineCatalog catalog;

  /**
   * What one resource holds.
   *
   * @param writtenRevision the revision the control plane wrote or recorded, from its annotation
   * @param written true when the spec is still the one of {@code writtenRevision}
   */
  public record Observed(
      String namespace,
      String name,
      JsonNode spec,
      boolean paused,
      Integer writtenRevision,
      boolean written,
      String author) {}

  /** What recording did: the revision the resource now stands for, or empty when none. */
  @Transactional
  public Optional<Integer> record(Observed observed) {
    Team team =
        Team.<Team>find("namespace", observed.namespace()).firstResultOptional().orElse(null);
    if (team == null) {
      LOG.debugf("%s/%s: the namespace is no team's", observed.namespace(), observed.name());
      return Optional.empty();
    }
    PipelineCatalog.lock(team);
    Pipeline pipeline = Pipeline.find(team, observed.name()).orElse(null);
    Revision current = pipeline == null ? null : PipelineCatalog.current(pipeline);
    if (current != null
        && observed.written()
        && observed.writtenRevision() != null
        && observed.writtenRevision() < current.number) {
      // An older write of the control plane's own, seen late: a newer one follows.
      return Optional.empty();
    }
    ObjectNode document = document(team, observed, current);
    ValidationResult result =
        PipelineValidator.validate(document, PipelineValidation.context(team));
    if (!result.isValid()) {
      LOG.warnf(
          "%s/%s: the Pipeline resource is not recorded, the language refuses it: %s",
          team.slug, observed.name(), result.errors());
      return Optional.empty();
    }
    Candidate candidate =
        new Candidate(
            result.pipeline(),
            PipelineValidation.canonical(result.pipeline().document(), team.slug));
    Integer number = current == null ? null : current.number;
    if (pipeline == null) {
      pipeline = new Pipeline();
      pipeline.team = team;
      pipeline.name = observed.name();
      pipeline.state = observed.paused() ? PipelineState.PAUSED : PipelineState.ACTIVE;
      pipeline.createdAt = Instant.now();
      Revision revision =
          catalog.revise(
              pipeline, null, candidate, ChangeSource.KUBECTL, null, observed.author(), false);
      audit.recordAs(
          observed.author(),
          AuditAction.PIPELINE_CREATED,
          team.slug,
          pipeline.name,
          null,
          revision.number,
          ChangeSource.KUBECTL,
          "found as a Pipeline resource in namespace " + observed.namespace());
      return Optional.of(revision.number);
    }
    if (!current.document.equals(candidate.canonicalJson())) {
      Revision revision =
          catalog.revise(
              pipeline, current, candidate, ChangeSource.KUBECTL, null, observed.author(), false);
      audit.recordAs(
          observed.author(),
          AuditAction.PIPELINE_UPDATED,
          team.slug,
          pipeline.name,
          current.number,
          revision.number,
          ChangeSource.KUBECTL,
          "the Pipeline resource's spec was changed outside the control plane");
      number = revision.number;
    }
    PipelineState state = observed.paused() ? PipelineState.PAUSED : PipelineState.ACTIVE;
    if (pipeline.state != state) {
      pipeline.state = state;
      pipeline.updatedAt = Instant.now();
      pipeline.updatedBy = observed.author();
      audit.recordAs(
          observed.author(),
          state == PipelineState.PAUSED
              ? AuditAction.PIPELINE_PAUSED
              : AuditAction.PIPELINE_RESUMED,
          team.slug,
          pipeline.name,
          pipeline.currentRevision,
          pipeline.currentRevision,
          ChangeSource.KUBECTL,
          "the Pipeline resource's annotation " + PipelineResources.PAUSED + " changed");
    }
    return Optional.of(number);
  }

  /** A resource deleted outside the control plane: its pipeline leaves the catalog. */
  @Transactional
  public void deleted(String namespace, String name, String author) {
    Team team = Team.<Team>find("namespace", namespace).firstResultOptional().orElse(null);
    if (team == null) {
      return;
    }
    PipelineCatalog.lock(team);
    Pipeline pipeline = Pipeline.find(team, name).orElse(null);
    if (pipeline == null) {
      // Deleted through the API: the catalog removed it first.
      return;
    }
    audit.recordAs(
        author,
        AuditAction.PIPELINE_DELETED,
        team.slug,
        name,
        pipeline.currentRevision,
        null,
        ChangeSource.KUBECTL,
        "the Pipeline resource was deleted outside the control plane");
    pipeline.delete();
  }

  /**
   * The resource as a document; description and labels are the catalog's, if it has the pipeline.
   */
  private static ObjectNode document(Team team, Observed observed, Revision current) {
    String description = null;
    JsonNode labels = null;
    if (current != null) {
      try {
        JsonNode metadata = PipelineMapper.json().readTree(current.document).path("metadata");
        description =
            metadata.path("description").isTextual() ? metadata.get("description").asText() : null;
        labels = metadata.get("labels");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return PipelineResources.document(
        observed.name(), team.slug, observed.spec(), description, labels);
  }
}
