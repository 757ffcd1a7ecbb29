package dev.tributary.controlplane.credential;

import dev.tributary.controlplane.team.Team;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One named Kafka credential of a team's applications; its secret is never stored. */
@Entity
@Table(name = "kafka_credential")
public class KafkaCredentialEntity extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "team_id")
  public Team team;

  public String name;

  public int generation;

  @Column(name = "previous_generation")
  public Integer previousGeneration;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "rotated_at")
  public Instant rotatedAt;

  static List<KafkaCredentialEntity> ofTeam(Team team) {
    return list("team = ?1 order by name", team);
  }

  static Optional<KafkaCredentialEntity> find(Team team, String name) {
    return find("team = ?1 and name = ?2", team, name).firstResultOptional();
  }
}
