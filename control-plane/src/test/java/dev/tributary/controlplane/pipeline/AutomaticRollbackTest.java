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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A revision that does not become Running within its {@code spec.upgrade.rollbackAfter} is replaced
 * by the document of the last revision that ran, on the local target, with nothing asked of anyone.
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
    String accounts = TEAM + "." + name + "-accounts";

    // Given a pipeline Running at revision 1
    String first = document(name, false);
    put(name, first, null).then().statusCode(201);
    pay(in, 40, 20); // amounts 400..590: 10 large
    await().atMost(STARTUP).until(() -> read(large).size() == 10);
    awaitStatus(
        developer,
        TEAM,
        name,
        s -> s.getInt("deployedRevision") == 1 && "Running".equals(s.getString("phase")));

    // When revision 2 joins a table whose topic exists without compaction, which the deploy
    // target refuses to use as a table's, so revision 2 never runs
    createTopic(accounts, Map.of("cleanup.policy", "delete"));
    put(name, document(name, true), "\"1\"").then().statusCode(200);

    // Then within its 30 s and a check, revision 3 restores the document of revision 1
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> developer.getPipeline(TEAM, name).header("ETag").equals("\"3\""));
    JsonPath third = revision(name, 3);
    assertThat(third.getInt("rolledBackFrom")).isEqualTo(1);
    assertThat(third.getString("source")).isEqualTo("automatic");
    assertThat(third.getString("author")).isEqualTo("tributary (automatic rollback)");
    assertThat(third.getInt("stateGeneration")).isEqualTo(1);
    assertThat(third.getMap("document")).isEqualTo(revision(name, 1).getMap("document"));

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
    assertThat(running.getString("automaticRollback.reason")).contains("TopicsReady");
    pay(in, 60, 20); // amounts 600..790: 20 large
    await().atMost(STARTUP).until(() -> read(large).size() == 30);

    developer.deletePipeline(TEAM, name).then().statusCode(204);
  }

  private io.restassured.response.Response put(String name, String yaml, String ifMatch) {
    var request =
        developer
            .request()
            .contentType("application/yaml")
            .body(yaml.getBytes(StandardCharsets.UTF_8));
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request.put(Api.pipelinePath(TEAM, name));
  }

  private JsonPath revision(String name, int number) {
    return developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/revisions/" + number)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * Large payments; {@code withOwners} adds each payment's account owner from a table, and a
   * deadline of 30 s to become Running.
   */
  static String document(String name, boolean withOwners) {
    String table =
        """
          tables:
            - name: accounts
              topic: payments.%1$s-accounts
              key: {field: account}
              fields: {account: string, owner: string}
        """
            .formatted(name);
    String join =
        """
            - {name: owned, input: payments, join: {with: accounts, type: left, key: account}}
        """;
    String sink =
        """
            - {name: owned, input: owned, topic: payments.%1$s-owned}
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
        %2$s  steps:
            - {name: large, input: payments, filter: "amount >= 500"}
        %3$s  sinks:
            - {name: large, input: large, topic: payments.%1$s-large}
        %4$s  runtime:
            commitInterval: 100ms
            replicas: {min: 1, max: 1}
        %5$s"""
        .formatted(
            name,
            withOwners ? table : "",
            withOwners ? join : "",
            withOwners ? sink : "",
            withOwners ? "  upgrade: {rollbackAfter: 30s}\n" : "");
  }
}
