package dev.tributary.controlplane.pipeline;

import dev.tributary.controlplane.deploy.DeployTarget;
import dev.tributary.controlplane.team.Team;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** A team's pipeline in the catalog; its documents are its {@code Revision}s. */
@Entity
@Table(name = "pipeline")
public class Pipeline extends PanacheEntityBase {

  /**
   * The names pipeline-api's validator accepts (a DNS-1123 label of at most 63 characters); a path
   * that names anything else names no pipeline, and is not looked up.
   */
  private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "team_id")
  public Team team;

  public String name;

  @Enumerated(EnumType.STRING)
  public PipelineState state;

  /** Number of the revision in force; the pipeline's ETag. */
  @Column(name = "current_revision")
  public int currentRevision;

  /** {@code spec.runtime.replicas.max} of the current revision, for the team's replica quota. */
  @Column(name = "max_replicas")
  public int maxReplicas;

  public String description;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;

  /** The generation of state the current revision runs under (see {@code Revision}). */
  @Column(name = "state_generation")
  public int stateGeneration = 1;

  /**
   * The last revision the deploy target reported Running with every worker on it; null before any
   * did. An automatic rollback goes back to it.
   */
  @Column(name = "last_running_revision")
  public Integer lastRunningRevision;

  /** The revision the last automatic rollback replaced because it did not become Running. */
  @Column(name = "automatic_rollback_from")
  public Integer automaticRollbackFrom;

  /** The revision whose document the last automatic rollback restored. */
  @Column(name = "automatic_rollback_to")
  public Integer automaticRollbackTo;

  /** The revision the last automatic rollback wrote. */
  @Column(name = "automatic_rollback_revision")
  public Integer automaticRollbackRevision;

  @Column(name = "automatic_rollback_at")
  public Instant automaticRollbackAt;

  @Column(name = "automatic_rollback_reason")
  public String automaticRollbackReason;

  public static Optional<Pipeline> find(Team team, String name) {
    if (!isName(name)) {
      return Optional.empty();
    }
    return find("team = ?1 and name = ?2", team, name).firstResultOptional();
  }

  /** The pipeline with its row locked until the transaction ends. */
  public static Optional<Pipeline> findForUpdate(Team team, String name) {
    if (!isName(name)) {
      return Optional.empty();
    }
    return find("team = ?1 and name = ?2", team, name)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  /**
   * A pipeline of the team whose name extends {@code name} with {@code -…}, or which {@code name}
   * extends so: the two application ids would share the prefix {@code <appId>-} that Kafka Streams
   * names internal topics and transactional ids with, so neither's prefixed ACLs could keep the
   * other out.
   */
  public static Optional<Pipeline> findOverlapping(Team team, String name) {
    return find(
            "team = ?1 and (name like ?2 or ?3 like concat(name, '-%'))", team, name + "-%", name)
        .firstResultOptional();
  }

  static boolean isName(String text) {
    return text != null && NAME.matcher(text).matches();
  }

  public String etag() {
    return etag(currentRevision);
  }

  public static String etag(int revision) {
    return "\"" + revision + "\"";
  }

  /** How the deploy target knows this pipeline. */
  public DeployTarget.PipelineRef ref() {
    return new DeployTarget.PipelineRef(team.slug, name);
  }
}
