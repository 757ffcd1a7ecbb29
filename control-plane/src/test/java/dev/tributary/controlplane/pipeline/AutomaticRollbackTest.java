package dev.tributary.controlplane.pipeline;

import static dev.tributary.controlplane.testing.LocalPipelines.STARTUP;
import static dev.tributary.controlplane.testing.LocalPipelines.awaitStatus;
import static dev.tributary.controlplane.testing.LocalPipelines.createTopic;
import static dev.tributary.controlplane.testing.LocalPipelines.pay;
import static dev.tributary.controlplane.testing.LocalPipelines.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.LocalTargetProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A revision that does not become Running within its {@code spec.upgrade.rollbackAfter} — here
 * because its workers crash on every record and are restarted again and again — is replaced by the
 * document of the last revision that ran, on the local target, with nothing asked of anyone; and
 * processing resumes exactly where the last committed transaction left it.
 */
@QuarkusTest
@TestProfile(LocalTargetProfile.class)
class AutomaticRollbackTest {

  static final String TEAM = "payments";

  final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Test
  void aRevisionThatDoesNotBecomeRunningIsRolledBackToTheLastThatRan() throws Exception {
    String name = "fallback-" + UUID.randomUUID().toString().substring(0, 6);
    String in = TEAM + "." + name + "-in";
    String large = TEAM + "." + name + "-large";
    String tiny = TEAM + "." + name + "-tiny";

    // Given a pipeline Running at revision 1
    String first = document(name, false);
    developer.putPipelineYaml(TEAM, name, first, null).then().statusCode(201);
    pay(in, 40, 20); // amounts 400..590: 10 large
    await().atMost(STARTUP).until(() -> read(large).size() == 10);
    awaitStatus(
        developer,
        TEAM,
        name,
        s -> s.getInt("deployedRevision") == 1 && "Running".equals(s.getString("phase")));

    // When revision 2 also writes the large payments to a topic that takes no record of their
    // size: every worker of revision 2 fails on its first record and is restarted, again and again
    createTopic(tiny, Map.of("max.message.bytes", "64"));
    developer.putPipelineYaml(TEAM, name, document(name, true), "\"1\"").then().statusCode(200);
    pay(in, 60, 20); // amounts 600..790: 20 large, which revision 2 cannot write

    // Then within its 30 s and a check, revision 3 restores the document of revision 1
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> developer.getPipeline(TEAM, name).header("ETag").equals("\"3\""));
    JsonPath third = developer.revision(TEAM, name, 3);
    assertThat(third.getInt("rolledBackFrom")).isEqualTo(1);
    assertThat(third.getString("source")).isEqualTo("automatic");
    assertThat(third.getString("author")).isEqualTo("tributary (automatic rollback)");
    assertThat(third.getInt("stateGeneration")).isEqualTo(1);
    assertThat(third.getMap("document"))
        .isEqualTo(developer.revision(TEAM, name, 1).getMap("document"));

    // and the audit log and the status say so, with the reason
    List<Map<String, Object>> events =
        Api.as(DemoUser.PAYMENTS_ADMIN)
            .request()
            .queryParam("limit", 500)
            .get("/api/v1/teams/payments/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList(
                "items.findAll { it.pipeline == '"
                    + name
                    + "' && it.action == 'pipeline.rolled-back-automatically' }");
    assertThat(events).hasSize(1);
    assertThat(events.get(0))
        .containsEntry("actor", "tributary (automatic rollback)")
        .containsEntry("revisionBefore", 2)
        .containsEntry("revisionAfter", 3);
    assertThat((String) events.get(0).get("detail"))
        .contains("revision 1")
        .contains("revision 2 was not Running 30 s after it was written");

    // and the pipeline runs revision 3 and processes payments again
    JsonPath running =
        awaitStatus(
            developer,
            TEAM,
            name,
            s -> s.getInt("deployedRevision") == 3 && "Running".equals(s.getString("phase")));
    assertThat(running.getInt("automaticRollback.fromRevision")).isEqualTo(2);
    assertThat(running.getInt("automaticRollback.toRevision")).isEqualTo(1);
    assertThat(running.getInt("automaticRollback.revision")).isEqualTo(3);
    assertThat(running.getString("automaticRollback.at")).isNotBlank();
    // The worker is either between restarts or replacing its failed stream threads: not ready.
    assertThat(running.getString("automaticRollback.reason"))
        .contains("revision 2 was not Running 30 s after it was written")
        .containsAnyOf("ReplicaFailure: ", "Ready: 0 of 1 workers are ready");
    // Revision 2 committed nothing: revision 3 reads the payments it failed on, and every large
    // payment is written once.
    pay(in, 80, 20); // amounts 800..990: 20 large
    await().atMost(STARTUP).until(() -> read(large).size() >= 50);
    assertThat(read(large)).hasSize(50);

    developer.deletePipeline(TEAM, name).then().statusCode(204);
  }

  /**
   * Large payments; {@code tinySink} also writes them to {@code payments.<name>-tiny}, and gives
   * the revision 30 s to become Running.
   */
  static String document(String name, boolean tinySink) {
    String sink =
        """
            - {name: tiny, input: large, topic: payments.%1$s-tiny}
        """
            .formatted(name);
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: Pipeline
        metadata: {name: %1$s}
        spec:
          sources:
            - name: payments
              topic: payments.%1$s-in
              key: {field: account}
              fields: {account: string, seq: int, amount: int}
          steps:
            - {name: large, input: payments, filter: "amount >= 500"}
          sinks:
            - {name: large, input: large, topic: payments.%1$s-large}
        %2$s  runtime:
            commitInterval: 100ms
            replicas: {min: 1, max: 1}
        %3$s"""
        .formatted(name, tinySink ? sink : "", tinySink ? "  upgrade: {rollbackAfter: 30s}\n" : "");
  }
}
