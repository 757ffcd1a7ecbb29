package dev.tributary.controlplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Updates of a pipeline with state: refused with the reason per step when the state cannot be kept,
 * planned before they are applied, and nothing written by a plan or a dry run.
 */
@QuarkusTest
class UpgradePlanTest {

  private static final String TEAM = "payments";
  private final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  private static String fresh() {
    return "upgrade-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Totals per account; {@code extra} is added to the step's aggregates, {@code upgrade} to spec.
   */
  private static String totals(String name, String groupBy, String extra, String upgrade) {
    return """
    {
      "apiVersion": "tributary.dev/v1alpha1",
      "kind": "Pipeline",
      "metadata": {"name": "%1$s"},
      "spec": {
        "sources": [{"name": "payments", "topic": "payments.%1$s-in",
                     "fields": {"account": "string", "merchant": "string", "amount": "double"}}],
        "steps": [{"name": "totals", "input": "payments",
                   "aggregate": {"groupBy": {"%2$s": "%2$s"},
                                 "aggregates": {"total": {"fn": "sum", "of": "amount"}%3$s}}}],
        "sinks": [{"name": "totals", "input": "totals", "topic": "payments.%1$s-out"}]%4$s
      }
    }
    """
        .formatted(name, groupBy, extra, upgrade);
  }

  private static String totals(String name, String groupBy) {
    return totals(name, groupBy, "", "");
  }

  private String created(String groupBy) {
    String name = fresh();
    developer.putPipeline(TEAM, name, totals(name, groupBy)).then().statusCode(201);
    return name;
  }

  @Test
  void aChangedGroupKeyIsRefusedWithTheStepAndTheReason() {
    String name = created("account");

    developer
        .putPipeline(TEAM, name, totals(name, "merchant"), "\"1\"")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("https://tributary.dev/problems/state-incompatible"))
        .body("detail", containsString("aggregate totals"))
        .body("detail", containsString("reset-state"))
        .body("errors", hasSize(1))
        .body("errors[0].path", equalTo("spec.steps[0]"))
        .body("errors[0].code", equalTo("state-incompatible"))
        .body(
            "errors[0].message",
            equalTo(
                "the group changed from {account=account} to {merchant=merchant}: the store is"
                    + " keyed by the group"));

    developer.getPipeline(TEAM, name).then().statusCode(200).header("ETag", "\"1\"");
  }

  @Test
  void keepStateOnAnIncompatibleChangeIsRefusedSayingSo() {
    String name = created("account");

    developer
        .putPipeline(
            TEAM,
            name,
            totals(name, "merchant", "", ", \"upgrade\": {\"mode\": \"keep-state\"}"),
            "\"1\"")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://tributary.dev/problems/state-incompatible"))
        .body("detail", containsString("keep-state was asked for and cannot be honoured"));
  }

  @Test
  void anAddedAggregateKeepsTheStateAndIsApplied() {
    String name = created("account");

    developer
        .putPipeline(
            TEAM,
            name,
            totals(name, "account", ", \"largest\": {\"fn\": \"max\", \"of\": \"amount\"}", ""),
            "\"1\"")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
  }

  @Test
  void resetStateOnATargetThatDoesNotCarryItOutIsRefused() {
    String name = created("account");

    developer
        .putPipeline(
            TEAM,
            name,
            totals(name, "merchant", "", ", \"upgrade\": {\"mode\": \"reset-state\"}"),
            "\"1\"")
        .then()
        .statusCode(409)
        .body("type", equalTo("https://tributary.dev/problems/upgrade-mode-unsupported"))
        .body("detail", containsString("does not carry out"));
    developer.getPipeline(TEAM, name).then().header("ETag", "\"1\"");
  }

  @Test
  void thePlanSaysPerStepWhatHappensAndWritesNothing() {
    String name = created("account");

    JsonPath plan =
        developer
            .request()
            .contentType("application/json")
            .body(totals(name, "merchant"))
            .post(Api.pipelinePath(TEAM, name) + "/plan")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(plan.getInt("fromRevision")).isEqualTo(1);
    assertThat(plan.getString("classification")).isEqualTo("state-incompatible");
    assertThat(plan.getBoolean("allowed")).isFalse();
    assertThat(plan.getString("refusal")).contains("aggregate totals");
    assertThat(plan.getString("rollout")).isEqualTo("recreate");
    assertThat(plan.getString("applicationIdBefore")).isEqualTo("payments." + name);
    List<Map<String, Object>> state = plan.getList("state");
    assertThat(state).hasSize(1);
    assertThat(state.get(0))
        .containsEntry("name", "totals")
        .containsEntry("kind", "aggregate")
        .containsEntry("stores", List.of("totals.store"))
        .containsEntry("outcome", "incompatible")
        .containsEntry("kept", false);
    assertThat(plan.getList("diff.path")).contains("/spec/steps/0/aggregate/groupBy/merchant");
    assertRevisionsAndAuditUntouched(name);
  }

  @Test
  void aDryRunPutMakesEveryCheckAndAnswersThePlanWithoutWriting() {
    String name = created("account");

    JsonPath plan =
        developer
            .request()
            .contentType("application/json")
            .header("If-Match", "\"1\"")
            .queryParam("dryRun", true)
            .body(
                totals(name, "account", ", \"largest\": {\"fn\": \"max\", \"of\": \"amount\"}", ""))
            .put(Api.pipelinePath(TEAM, name))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(plan.getString("classification")).isEqualTo("state-compatible");
    assertThat(plan.getBoolean("allowed")).isTrue();
    assertThat(plan.getString("applicationIdAfter")).isEqualTo("payments." + name);
    assertThat(plan.getString("state[0].outcome")).isEqualTo("extended");
    assertThat(plan.getString("state[0].reason")).contains("aggregate largest added");
    assertRevisionsAndAuditUntouched(name);

    developer
        .request()
        .contentType("application/json")
        .queryParam("dryRun", true)
        .body(totals(name, "merchant"))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(428);
  }

  private void assertRevisionsAndAuditUntouched(String name) {
    developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/revisions")
        .then()
        .statusCode(200)
        .body("items", hasSize(1));
    JsonPath audit =
        Api.as(DemoUser.PAYMENTS_ADMIN)
            .request()
            .queryParam("limit", 500)
            .get("/api/v1/teams/payments/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Map<String, Object>> events =
        audit.getList("items.findAll { it.pipeline == '" + name + "' }");
    assertThat(events).extracting(e -> e.get("action")).containsExactly("pipeline.created");
  }
}
