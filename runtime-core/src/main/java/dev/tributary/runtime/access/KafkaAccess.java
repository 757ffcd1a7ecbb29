package dev.tributary.runtime.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.ResourcePatternFilter;

/**
 * Writes SCRAM users and their ACLs through the cluster's Admin API, with the platform's admin
 * identity. Each method is one batched round for everything it is given: one SCRAM call and one ACL
 * call, never one per user or per binding.
 *
 * <p>A KRaft broker applies a change some milliseconds after the controller has committed it, so
 * each method returns only once the broker's own view shows its change (SCRAM users and ACLs are
 * applied in the order they were written, so the last write is the one awaited): a worker started
 * after {@link #grant} can authenticate, and a listing read after {@link #revoke} no longer names
 * the users it removed.
 */
public final class KafkaAccess {

  private static final int SCRAM_ITERATIONS = 8192;

  private final Admin admin;
  private final Duration timeout;

  public KafkaAccess(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Makes each credential exist with its password and each principal hold exactly the given ACLs:
   * missing bindings are created, bindings of the principal that are not listed are deleted.
   * Writing the same again changes nothing.
   */
  public void grant(Map<KafkaCredential, List<AclBinding>> access) throws KafkaAccessException {
    if (access.isEmpty()) {
      return;
    }
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    access
        .keySet()
        .forEach(
            credential ->
                upserts.add(
                    new UserScramCredentialUpsertion(
                        credential.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                        credential.password())));
    await(admin.alterUserScramCredentials(upserts).all(), "writing SCRAM credentials");

    Set<AclBinding> wanted = new HashSet<>();
    access.values().forEach(wanted::addAll);
    List<AclBindingFilter> principals =
        access.keySet().stream()
            .map(credential -> principalFilter(credential.principal()))
            .toList();
    Set<AclBinding> held = new HashSet<>();
    for (AclBindingFilter filter : principals) {
      held.addAll(await(admin.describeAcls(filter).values(), "reading ACLs"));
    }
    List<AclBindingFilter> extra =
        held.stream()
            .filter(binding -> !wanted.contains(binding))
            .map(AclBinding::toFilter)
            .toList();
    if (!extra.isEmpty()) {
      await(admin.deleteAcls(extra).all(), "deleting ACLs no longer needed");
    }
    List<AclBinding> missing = wanted.stream().filter(binding -> !held.contains(binding)).toList();
    if (!missing.isEmpty()) {
      await(admin.createAcls(missing).all(), "creating ACLs");
      awaitBrokerView(
          "the new ACLs",
          () -> {
            Set<AclBinding> now = new HashSet<>();
            for (AclBindingFilter filter : principals) {
              now.addAll(await(admin.describeAcls(filter).values(), "reading ACLs"));
            }
            return now.containsAll(missing);
          });
    } else {
      Set<String> usernames = new HashSet<>();
      access.keySet().forEach(credential -> usernames.add(credential.username()));
      awaitBrokerView("the new SCRAM users", () -> users().containsAll(usernames));
    }
  }

  /**
   * Removes users and every ACL of their principals. Users that do not exist are skipped, so a
   * removal can be repeated.
   */
  public void revoke(Collection<String> usernames) throws KafkaAccessException {
    if (usernames.isEmpty()) {
      return;
    }
    List<AclBindingFilter> filters =
        usernames.stream().map(name -> principalFilter("User:" + name)).toList();
    await(admin.deleteAcls(filters).all(), "deleting ACLs");
    Set<String> existing = users();
    List<UserScramCredentialAlteration> deletions =
        usernames.stream()
            .filter(existing::contains)
            .<UserScramCredentialAlteration>map(
                name -> new UserScramCredentialDeletion(name, ScramMechanism.SCRAM_SHA_512))
            .toList();
    if (deletions.isEmpty()) {
      return;
    }
    try {
      await(admin.alterUserScramCredentials(deletions).all(), "deleting SCRAM credentials");
    } catch (KafkaAccessException e) {
      if (!(e.getCause() instanceof ResourceNotFoundException)) {
        throw e;
      }
    }
    awaitBrokerView(
        "the removal of " + usernames, () -> users().stream().noneMatch(usernames::contains));
  }

  private interface BrokerView {
    boolean shows() throws KafkaAccessException;
  }

  /** Reads the broker's view until it shows a committed change, at most for the timeout. */
  private void awaitBrokerView(String change, BrokerView view) throws KafkaAccessException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 10;
    while (!view.shows()) {
      if (System.nanoTime() - deadline > 0) {
        throw new KafkaAccessException(
            "the broker did not show " + change + " within " + timeout, null);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaAccessException("waiting for " + change + " was interrupted", e);
      }
      pause = Math.min(pause * 2, 500);
    }
  }

  /** Every SCRAM user of the cluster. */
  public Set<String> users() throws KafkaAccessException {
    return Set.copyOf(await(admin.describeUserScramCredentials().users(), "listing SCRAM users"));
  }

  /** Every ACL binding of a principal ({@code User:name}). */
  public Collection<AclBinding> acls(String principal) throws KafkaAccessException {
    return await(admin.describeAcls(principalFilter(principal)).values(), "reading ACLs");
  }

  private static AclBindingFilter principalFilter(String principal) {
    return new AclBindingFilter(
        ResourcePatternFilter.ANY,
        new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
  }

  private <T> T await(KafkaFuture<T> future, String what) throws KafkaAccessException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaAccessException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaAccessException(what + " took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAccessException(what + " was interrupted", e);
    }
  }
}
