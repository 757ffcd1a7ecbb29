package dev.tributary.controlplane.credential;

import dev.tributary.controlplane.audit.AuditAction;
import dev.tributary.controlplane.audit.AuditLog;
import dev.tributary.controlplane.kafka.PlatformKafka;
import dev.tributary.controlplane.problem.ProblemException;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.security.Permission;
import dev.tributary.controlplane.security.TeamAccess;
import dev.tributary.controlplane.team.Team;
import dev.tributary.runtime.access.AccessPlan;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.access.KafkaAccessException;
import dev.tributary.runtime.access.KafkaCredential;
import dev.tributary.runtime.kafka.KafkaConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The Kafka credentials of a team's own applications — producers of its sources, consumers of its
 * sinks — each a SCRAM user with prefixed ACLs on the team's topic prefix ({@link
 * AccessPlan#team}). Team admins and platform admins manage them.
 *
 * <p>Kafka is changed first, under the team's row lock, and the catalog only after it succeeded: a
 * refusal or a timeout of the cluster leaves the catalog as it was (503 problem).
 */
@ApplicationScoped
public class TeamKafkaCredentials {

  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

  @Inject TeamAccess access;
  @Inject PlatformKafka kafka;
  @Inject AuditLog audit;

  @Transactional
  public List<KafkaCredentialView> list(String teamSlug) {
    Team team = access.require(teamSlug, Permission.MANAGE_KAFKA_CREDENTIALS);
    return KafkaCredentialEntity.ofTeam(team).stream().map(KafkaCredentialView::of).toList();
  }

  @Transactional
  public KafkaCredentialView get(String teamSlug, String name) {
    Team team = access.require(teamSlug, Permission.MANAGE_KAFKA_CREDENTIALS);
    return KafkaCredentialView.of(existing(team, name));
  }

  @Transactional
  public IssuedKafkaCredential create(String teamSlug, NewKafkaCredential request) {
    Team team = locked(teamSlug);
    KafkaConnection cluster = secured();
    if (KafkaCredentialEntity.find(team, request.name()).isPresent()) {
      throw Problems.conflict(
          "team '" + team.slug + "' already has a Kafka credential '" + request.name() + "'");
    }
    KafkaCredential credential =
        KafkaCredential.generate(AccessPlan.teamUser(team.slug, request.name(), 1));
    grant(team, credential);
    KafkaCredentialEntity entity = new KafkaCredentialEntity();
    entity.team = team;
    entity.name = request.name();
    entity.generation = 1;
    entity.createdAt = Instant.now();
    entity.persist();
    audit.record(
        AuditAction.KAFKA_CREDENTIAL_CREATED,
        team.slug,
        null,
        null,
        null,
        ChangeSource.API,
        "credential " + entity.name + ", user " + credential.username());
    return issued(cluster, entity, credential);
  }

  /**
   * A new secret under the next generation's user. The previous generation keeps connecting until
   * it is retired, so that applications switch without a gap; an older one is removed now.
   */
  @Transactional
  public IssuedKafkaCredential rotate(String teamSlug, String name) {
    Team team = locked(teamSlug);
    KafkaConnection cluster = secured();
    KafkaCredentialEntity entity = existing(team, name);
    KafkaCredential next =
        KafkaCredential.generate(AccessPlan.teamUser(team.slug, name, entity.generation + 1));
    grant(team, next);
    if (entity.previousGeneration != null) {
      revoke(List.of(AccessPlan.teamUser(team.slug, name, entity.previousGeneration)));
    }
    entity.previousGeneration = entity.generation;
    entity.generation = entity.generation + 1;
    entity.rotatedAt = Instant.now();
    audit.record(
        AuditAction.KAFKA_CREDENTIAL_ROTATED,
        team.slug,
        null,
        null,
        null,
        ChangeSource.API,
        "credential " + name + ", user " + next.username() + "; previous user still valid");
    return issued(cluster, entity, next);
  }

  /** Removes the generation before the last rotation, once every application uses the new one. */
  @Transactional
  public KafkaCredentialView retirePrevious(String teamSlug, String name) {
    Team team = locked(teamSlug);
    secured();
    KafkaCredentialEntity entity = existing(team, name);
    if (entity.previousGeneration == null) {
      throw Problems.conflict(
          "Kafka credential '"
              + name
              + "' has no previous generation: it was never rotated, or"
              + " its previous generation is retired already");
    }
    String previous = AccessPlan.teamUser(team.slug, name, entity.previousGeneration);
    revoke(List.of(previous));
    entity.previousGeneration = null;
    audit.record(
        AuditAction.KAFKA_CREDENTIAL_PREVIOUS_RETIRED,
        team.slug,
        null,
        null,
        null,
        ChangeSource.API,
        "credential " + name + ", user " + previous + " removed");
    return KafkaCredentialView.of(entity);
  }

  @Transactional
  public void delete(String teamSlug, String name) {
    Team team = locked(teamSlug);
    secured();
    KafkaCredentialEntity entity = existing(team, name);
    revoke(users(entity));
    entity.delete();
    audit.record(
        AuditAction.KAFKA_CREDENTIAL_DELETED,
        team.slug,
        null,
        null,
        null,
        ChangeSource.API,
        "credential " + name + ", users " + String.join(", ", users(entity)) + " removed");
  }

  /**
   * Removes the users and ACLs of every credential of a team that is being deleted, inside the
   * deletion's transaction.
   */
  public void revokeAll(Team team) {
    List<String> users = new ArrayList<>();
    KafkaCredentialEntity.ofTeam(team).forEach(credential -> users.addAll(users(credential)));
    if (!users.isEmpty()) {
      revoke(users);
    }
  }

  private static List<String> users(KafkaCredentialEntity credential) {
    List<String> users = new ArrayList<>();
    users.add(AccessPlan.teamUser(credential.team.slug, credential.name, credential.generation));
    if (credential.previousGeneration != null) {
      users.add(
          AccessPlan.teamUser(
              credential.team.slug, credential.name, credential.previousGeneration));
    }
    return users;
  }

  private Team locked(String teamSlug) {
    Team team = access.require(teamSlug, Permission.MANAGE_KAFKA_CREDENTIALS);
    Team.getEntityManager().refresh(team, LockModeType.PESSIMISTIC_WRITE);
    return team;
  }

  private KafkaCredentialEntity existing(Team team, String name) {
    return KafkaCredentialEntity.find(team, name)
        .orElseThrow(() -> Problems.kafkaCredentialNotFound(team.slug, name));
  }

  private KafkaConnection secured() {
    KafkaConnection cluster = kafka.connection().orElseThrow(Problems::kafkaNotSecured);
    if (!cluster.secured()) {
      throw Problems.kafkaNotSecured();
    }
    return cluster;
  }

  private void grant(Team team, KafkaCredential credential) {
    try {
      access().grant(Map.of(credential, AccessPlan.team(credential.principal(), team.topicPrefix)));
    } catch (KafkaAccessException e) {
      throw unavailable(e);
    }
  }

  private void revoke(List<String> users) {
    try {
      access().revoke(users);
    } catch (KafkaAccessException e) {
      throw unavailable(e);
    }
  }

  private KafkaAccess access() {
    return new KafkaAccess(kafka.admin(), KAFKA_TIMEOUT);
  }

  private static ProblemException unavailable(KafkaAccessException e) {
    return Problems.kafkaUnavailable(
        "the Kafka cluster did not take the change, and nothing was changed in the catalog: "
            + e.getMessage());
  }

  private static IssuedKafkaCredential issued(
      KafkaConnection cluster, KafkaCredentialEntity entity, KafkaCredential credential) {
    KafkaConnection own = cluster.as(credential);
    return new IssuedKafkaCredential(
        KafkaCredentialView.of(entity),
        credential.password(),
        cluster.bootstrapServers(),
        own.settings().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG),
        KafkaCredential.MECHANISM,
        own.propertiesText(
            "Kafka credential '"
                + entity.name
                + "' of team "
                + entity.team.slug
                + ": topics, groups and transactional ids under "
                + entity.team.topicPrefix));
  }
}
