package dev.tributary.controlplane.audit;

import dev.tributary.controlplane.revision.ChangeSource;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One write, as the audit log keeps it: who, what, when, and the revisions before and after. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public Instant at;
  public String actor;
  public String action;

  @Column(name = "team_slug")
  public String teamSlug;

  @Column(name = "pipeline_name")
  public String pipelineName;

  @Column(name = "revision_before")
  public Integer revisionBefore;

  @Column(name = "revision_after")
  public Integer revisionAfter;

  @Enumerated(EnumType.STRING)
  public ChangeSource source;

  public String detail;
}
