package dev.tributary.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured broker restarted on its data directory after SCRAM users were removed. Kafka 4.4 loses
 * every credential of a mechanism when it rebuilds its metadata from the log alone and meets a
 * removed user first; these two names are met before the admin's.
 */
class SecuredKafkaBrokerTest {

  private static final List<String> REMOVED =
      List.of("pipeline.payments.e2e-mxcdowgx.1", "pipeline.payments.e2e-mxcdua5x.1");
  private static final String KEPT = "team.payments.billing.1";

  @Test
  void restartedRightAfterUsersWereRemovedItStillAcceptsItsAdmin(@TempDir Path dataDir)
      throws Exception {
    try (KafkaBroker broker = secured(dataDir);
        Admin admin = Admin.create(broker.adminClientProperties())) {
      upsert(admin, REMOVED);
      delete(admin, REMOVED);
    }

    try (KafkaBroker restarted = secured(dataDir);
        Admin admin = Admin.create(restarted.adminClientProperties())) {
      assertThat(admin.describeCluster().nodes().get()).hasSize(1);
      assertThat(admin.describeUserScramCredentials().users().get())
          .containsExactly("tributary-admin");
    }
  }

  @Test
  void usersThatWereNotRemovedKeepTheirCredentialAcrossRestarts(@TempDir Path dataDir)
      throws Exception {
    try (KafkaBroker broker = secured(dataDir);
        Admin admin = Admin.create(broker.adminClientProperties())) {
      upsert(admin, List.of(KEPT));
      upsert(admin, REMOVED);
      awaitMetadataSnapshot(dataDir);
      delete(admin, REMOVED);
    }

    try (KafkaBroker restarted = secured(dataDir);
        Admin admin = Admin.create(restarted.adminClientProperties());
        Admin user = Admin.create(as(restarted, KEPT))) {
      assertThat(admin.describeUserScramCredentials().users().get())
          .containsExactlyInAnyOrder("tributary-admin", KEPT);
      assertThat(user.describeCluster().nodes().get()).hasSize(1);
    }
  }

  private static KafkaBroker secured(Path dataDir) {
    return KafkaBroker.builder()
        .secured()
        .dataDir(dataDir)
        .startupTimeout(Duration.ofMinutes(2))
        .start();
  }

  private static void upsert(Admin admin, List<String> users) throws Exception {
    List<UserScramCredentialAlteration> upserts = new ArrayList<>();
    for (String user : users) {
      upserts.add(
          new UserScramCredentialUpsertion(
              user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(user)));
    }
    admin.alterUserScramCredentials(upserts).all().get();
  }

  private static void delete(Admin admin, List<String> users) throws Exception {
    List<UserScramCredentialAlteration> deletions = new ArrayList<>();
    for (String user : users) {
      deletions.add(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512));
    }
    admin.alterUserScramCredentials(deletions).all().get();
  }

  private static String password(String user) {
    return "secret-of-" + user;
  }

  private static Map<String, Object> as(KafkaBroker broker, String user) {
    Map<String, Object> settings = new HashMap<>(broker.adminClientProperties());
    settings.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
            .formatted(user, password(user)));
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, user);
    return settings;
  }

  /** Waits for a snapshot of the metadata log besides the one written when it was formatted. */
  private static void awaitMetadataSnapshot(Path dataDir) throws Exception {
    Path metadata = dataDir.resolve("kraft-combined-logs").resolve("__cluster_metadata-0");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(metadata)) {
        if (files.filter(f -> f.toString().endsWith(".checkpoint")).count() >= 2) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no metadata snapshot within 30 s in " + metadata);
  }
}
