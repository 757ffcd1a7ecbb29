package dev.tributary.controlplane.revision;

import dev.tributary.controlplane.pipeline.Pipeline;
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
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/** One immutable version of a pipeline's document, with who made it, when, how, and the diff. */
@Entity
@Immutable
@Table(name = "pipeline_revision")
public class Revision extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "pipeline_id")
  public Pipeline pipeline;

  public int number;

  /** The canonical document, JSON as {@code PipelineMapper.json()} writes it. */
  public String document;

  /** RFC 6902 JSON Patch from the previous revision's document (or from {@code {}}). */
  public String diff;

  @Enumerated(EnumType.STRING)
  public ChangeSource source;

  public String author;

  @Column(name = "created_at")
  public Instant createdAt;

  /** For a rollback, the revision whose document this one restores. */
  @Column(name = "rolled_back_from")
  public Integer rolledBackFrom;

  /**
   * The generation of the pipeline's state this revision runs under: its application id is {@code
   * <topic prefix><name>} for 1 and {@code <topic prefix><name>.<n>} after.
   */
  @Column(name = "state_generation")
  public int stateGeneration;

  public static Optional<Revision> find(Pipeline pipeline, int number) {
    return find("pipeline = ?1 and number = ?2", pipeline, number).firstResultOptional();
  }

  /** The largest state generation any revision of the pipeline ran under; 0 when none exists. */
  public static int largestStateGeneration(Pipeline pipeline) {
    Integer largest =
        getEntityManager()
            .createQuery(
                "select max(r.stateGeneration) from Revision r where r.pipeline = ?1",
                Integer.class)
            .setParameter(1, pipeline)
            .getSingleResult();
    return largest == null ? 0 : largest;
  }
}
