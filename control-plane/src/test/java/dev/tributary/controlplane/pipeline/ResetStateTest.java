package dev.tributary.controlplane.pipeline;

import static dev.tributary.controlplane.testing.LocalPipelines.STARTUP;
import static dev.tributary.controlplane.testing.LocalPipelines.awaitStatus;
import static dev.tributary.controlplane.testing.LocalPipelines.committed;
import static dev.tributary.controlplane.testing.LocalPipelines.pay;
import static dev.tributary.controlplane.testing.LocalPipelines.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.controlplane.testing.LocalTargetProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * reset-state on the local target, through the API: a state-incompatible change runs under a new
 * application id, whose consumer group starts where the one in force committed, and the next reset
 * takes the next generation.
 */
@QuarkusTest
@TestProfile(LocalTargetProfile.class)
class ResetStateTest {

  static final String TEAM = "payments";

  final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Test
  void aStateIncompatibleChangeWithResetStateRunsUnderTheNextApplicationId() throws Exception {
    String name = "reset-" + UUID.randomUUID().toString().substring(0, 6);
    String in = TEAM + "." + name + "-in";
    String large = TEAM + "." + name + "-large";

    // Given a pipeline counting payments per account, which has processed 200 payments
    developer
        .putPipelineYaml(TEAM, name, Documents.counts(name, "", ""), null)
        .then()
        .statusCode(201);
    pay(in, 0, 200);
    await().atMost(STARTUP).until(() -> read(large).size() == 100);
    await()
        .atMost(STARTUP)
        .until(
            () ->
                committed(TEAM + "." + name, in).values().stream().mapToLong(o -> o).sum() == 200);
    Map<Integer, Long> committedBefore = committed(TEAM + "." + name, in);

    // When the count is grouped differently without a mode, the update is refused naming the step
    developer
        .putPipelineYaml(
            TEAM, name, Documents.counts(name, "groupBy: {amount: amount}", ""), "\"1\"")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://tributary.dev/problems/state-incompatible"))
        .body("errors[0].path", equalTo("spec.steps[1]"));

    // and with reset-state its plan shows the next application id, starting where the group in
    // force committed on every partition
    String resetByAmount = Documents.counts(name, "groupBy: {amount: amount}", "mode: reset-state");
    JsonPath plan = plan(name, resetByAmount);
    assertThat(plan.getBoolean("allowed")).isTrue();
    assertThat(plan.getString("applicationIdBefore")).isEqualTo(TEAM + "." + name);
    assertThat(plan.getString("applicationIdAfter")).isEqualTo(TEAM + "." + name + ".2");
    List<Map<String, Object>> offsets = plan.getList("startingOffsets");
    Map<Integer, Long> planned = new TreeMap<>();
    for (Map<String, Object> offset : offsets) {
      assertThat(offset.get("topic")).isEqualTo(in);
      assertThat((String) offset.get("origin")).contains("committed by " + TEAM + "." + name);
      planned.put((Integer) offset.get("partition"), ((Number) offset.get("offset")).longValue());
    }
    assertThat(planned).isEqualTo(committedBefore);

    // When it is applied
    developer.putPipelineYaml(TEAM, name, resetByAmount, "\"1\"").then().statusCode(200);

    // Then the workers run it under the new application id, and process new payments only
    awaitStatus(
        developer,
        TEAM,
        name,
        s ->
            (TEAM + "." + name + ".2").equals(s.getString("applicationId"))
                && s.getInt("deployedRevision") == 2
                && "Running".equals(s.getString("phase")));
    pay(in, 200, 100);
    await().atMost(STARTUP).until(() -> read(large).size() == 150);
    assertThat(read(large)).hasSize(150);
    assertThat(developer.revision(TEAM, name, 2).getInt("stateGeneration")).isEqualTo(2);

    // and a second reset takes the next generation
    String resetBySeq = Documents.counts(name, "groupBy: {seq: seq}", "mode: reset-state");
    assertThat(plan(name, resetBySeq).getString("applicationIdAfter"))
        .isEqualTo(TEAM + "." + name + ".3");
    developer.putPipelineYaml(TEAM, name, resetBySeq, "\"2\"").then().statusCode(200);
    awaitStatus(
        developer,
        TEAM,
        name,
        s ->
            (TEAM + "." + name + ".3").equals(s.getString("applicationId"))
                && s.getInt("deployedRevision") == 3
                && "Running".equals(s.getString("phase")));
    assertThat(developer.revision(TEAM, name, 3).getInt("stateGeneration")).isEqualTo(3);

    developer.deletePipeline(TEAM, name).then().statusCode(204);
  }

  private JsonPath plan(String name, String yaml) {
    return developer
        .request()
        .contentType("application/yaml")
        .body(yaml.getBytes(StandardCharsets.UTF_8))
        .post(Api.pipelinePath(TEAM, name) + "/plan")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Large payments, and a count per account unless {@code groupBy} groups otherwise. */
}
