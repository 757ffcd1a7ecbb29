package dev.tributary.controlplane.team;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** A tenant: owns a namespace, a topic prefix, quotas, and members through a Keycloak group. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

  /** A slug: a DNS label of at most 30 characters, as the API creates them. */
  public static final String SLUG_PATTERN = "[a-z][a-z0-9-]{0,29}";

  private static final Pattern SLUG = Pattern.compile(SLUG_PATTERN);

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String slug;

  @Column(name = "display_name")
  public String displayName;

  public String namespace;

  @Column(name = "topic_prefix")
  public String topicPrefix;

  @Column(name = "keycloak_group")
  public String keycloakGroup;

  @Column(name = "max_pipelines")
  public int maxPipelines;

  @Column(name = "max_total_replicas")
  public int maxTotalReplicas;

  @Column(name = "max_partitions_per_topic")
  public int maxPartitionsPerTopic;

  @Column(name = "max_topics")
  public int maxTopics;

  @Column(name = "max_total_partitions")
  public int maxTotalPartitions;

  /** Incremented on every change; the team's ETag. */
  @Version public long version;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** The team; a text that is no slug names none, and is not looked up. */
  public static Optional<Team> findBySlug(String slug) {
    return isSlug(slug) ? find("slug", slug).firstResultOptional() : Optional.empty();
  }

  public static boolean isSlug(String text) {
    return text != null && SLUG.matcher(text).matches();
  }

  public Quotas quotas() {
    return new Quotas(
        maxPipelines, maxTotalReplicas, maxPartitionsPerTopic, maxTopics, maxTotalPartitions);
  }

  public String etag() {
    return "\"" + version + "\"";
  }
}
