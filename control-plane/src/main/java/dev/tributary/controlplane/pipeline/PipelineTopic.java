package dev.tributary.controlplane.pipeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A topic the current revision of a pipeline plans, with the partitions it counts for in the team's
 * quotas. Rewritten with every revision; removed with its pipeline.
 */
@Entity
@Table(name = "pipeline_topic")
public class PipelineTopic extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "pipeline_id")
  public Pipeline pipeline;

  public String name;

  public int partitions;
}
