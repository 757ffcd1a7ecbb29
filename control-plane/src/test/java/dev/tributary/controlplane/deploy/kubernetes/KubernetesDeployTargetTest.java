package dev.tributary.controlplane.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import dev.tributary.controlplane.testing.KubernetesTargetProfile;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The control plane with the {@code kubernetes} deploy target, through the REST API against the
 * Kubernetes mock server; the test plays kubectl and the operator with its own requests.
 */
@QuarkusTest
@TestProfile(KubernetesTargetProfile.class)
class KubernetesDeployTargetTest {

  static final String TEAM = "payments";
  static final String NAMESPACE = "team-payments";
  static final Duration WAIT = Duration.ofSeconds(20);

  @Inject KubernetesClients clients;
  @Inject PipelineInformer informer;

  final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);

  @Test
  void apiWriteBecomesAResourceInTheTeamsNamespaceAndItsStatusIsReadBack() throws Exception {
    String name = name();

    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    GenericKubernetesResource resource = resource(name).get();
    assertThat(resource.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "tributary-control-plane")
        .containsEntry("tributary.dev/team", TEAM);
    assertThat(resource.getMetadata().getAnnotations())
        .containsEntry(PipelineResources.CATALOG_REVISION, "1");
    assertThat(PipelineResources.spec(resource).at("/sources/0/topic").asText())
        .isEqualTo("payments.payments");

    // The control plane's own write comes back through the informer and records nothing.
    awaitCached(name, "1");
    informer.drain(10_000);
    assertThat(revisions(name).getList("items.source", String.class)).containsExactly("api");

    // Before the operator reports, the pipeline is Pending and not deployed.
    JsonPath pending = status(name);
    assertThat(pending.getString("phase")).isEqualTo("Pending");
    assertThat(pending.getString("conditions[0].reason")).isEqualTo("NotDeployed");

    // The operator reports: the API shows phase, conditions, replicas and the catalog's revision.
    resource(name)
        .editStatus(
            r -> {
              r.setAdditionalProperty(
                  "status",
                  Map.of(
                      "observedGeneration",
                      r.getMetadata().getGeneration(),
                      "phase",
                      "Running",
                      "conditions",
                      List.of(
                          Map.of(
                              "type", "Ready",
                              "status", "True",
                              "reason", "WorkersReady",
                              "message", "every wanted worker is ready",
                              "lastTransitionTime", "2026-12-06T01:00:00Z")),
                      "replicas",
                      2,
                      "readyReplicas",
                      2,
                      "desiredReplicas",
                      2,
                      "deployedRevision",
                      r.getMetadata().getGeneration(),
                      "lag",
                      Map.of("totalRecords", 12, "seconds", 3, "status", "OK")));
              return r;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath running = status(name);
              assertThat(running.getString("phase")).isEqualTo("Running");
              assertThat(running.getInt("replicas.ready")).isEqualTo(2);
              assertThat(running.getInt("replicas.desired")).isEqualTo(2);
              assertThat(running.getInt("deployedRevision")).isEqualTo(1);
              assertThat(running.getString("conditions[0].reason")).isEqualTo("WorkersReady");
              assertThat(running.getLong("lag.totalRecords")).isEqualTo(12L);
              assertThat(running.getString("lag.status")).isEqualTo("OK");
              assertThat(running.getString("throughput")).isNull();
            });
  }

  @Test
  void resetStateGivesTheResourceTheNextStateGenerationForTheOperator() {
    String name = name();
    developer
        .request()
        .contentType("application/yaml")
        .body(yaml(Documents.counts(name, "", "")))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201);
    assertThat(resource(name).get().getMetadata().getAnnotations())
        .doesNotContainKey(PipelineResources.STATE_GENERATION);
    awaitCached(name, "1");

    // A changed group with reset-state: the operator is told to run generation 2.
    developer
        .request()
        .contentType("application/yaml")
        .header("If-Match", "\"1\"")
        .body(yaml(Documents.counts(name, "groupBy: {amount: amount}", "mode: reset-state")))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(200);
    GenericKubernetesResource reset = resource(name).get();
    assertThat(reset.getMetadata().getAnnotations())
        .containsEntry(PipelineResources.STATE_GENERATION, "2")
        .containsEntry(PipelineResources.CATALOG_REVISION, "2");
    assertThat(PipelineResources.spec(reset).at("/steps/1/aggregate/groupBy/amount").asText())
        .isEqualTo("amount");
    awaitCached(name, "2");

    // A later update without reset-state keeps that generation.
    developer
        .request()
        .contentType("application/yaml")
        .header("If-Match", "\"2\"")
        .body(
            yaml(
                Documents.counts(name, "groupBy: {amount: amount}", "mode: reset-state")
                    .replace("amount >= 500", "amount >= 600")
                    .replace("upgrade: {mode: reset-state}", "")))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(200);
    assertThat(resource(name).get().getMetadata().getAnnotations())
        .containsEntry(PipelineResources.STATE_GENERATION, "2")
        .containsEntry(PipelineResources.CATALOG_REVISION, "3");

    // Where the new group would start is read from Kafka, which this profile cannot reach: a
    // clear 503, not a plan with made-up offsets.
    developer
        .request()
        .contentType("application/yaml")
        .body(yaml(Documents.counts(name, "groupBy: {seq: seq}", "mode: reset-state")))
        .post(Api.pipelinePath(TEAM, name) + "/plan")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body(
            "type",
            org.hamcrest.Matchers.equalTo(
                "https://tributary.dev/problems/deploy-target-unavailable"));
  }

  @Test
  void pauseResumeRestartRotateAndDeleteAreTheOperatorsAnnotationsAndDeletion() {
    String name = name();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);

    developer.request().post(Api.pipelinePath(TEAM, name) + "/pause").then().statusCode(200);
    assertThat(resource(name).get().getMetadata().getAnnotations())
        .containsEntry(PipelineResources.PAUSED, "true");

    developer.request().post(Api.pipelinePath(TEAM, name) + "/resume").then().statusCode(200);
    assertThat(resource(name).get().getMetadata().getAnnotations())
        .doesNotContainKey(PipelineResources.PAUSED);

    developer.request().post(Api.pipelinePath(TEAM, name) + "/restart").then().statusCode(200);
    assertThat(resource(name).get().getMetadata().getAnnotations())
        .containsKey(PipelineResources.RESTARTED_AT);

    // On the secured cluster the operator replaces the workers' Kafka user when asked.
    developer
        .request()
        .post(Api.pipelinePath(TEAM, name) + "/kafka-credentials/rotate")
        .then()
        .statusCode(200);
    assertThat(resource(name).get().getMetadata().getAnnotations())
        .containsKey(PipelineResources.ROTATE_KAFKA_CREDENTIAL);

    developer.deletePipeline(TEAM, name).then().statusCode(204);
    assertThat(resource(name).get()).isNull();
    developer.getPipeline(TEAM, name).then().statusCode(404);
  }

  @Test
  void specEditedWithKubectlBecomesARevisionWithSourceKubectlAndTheApiContinuesFromIt()
      throws Exception {
    String name = name();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);
    awaitCached(name, "1");

    // kubectl edit: the filter changes, and the author says who
    resource(name)
        .edit(
            r -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) r.getAdditionalProperties().get("spec");
              @SuppressWarnings("unchecked")
              Map<String, Object> step = ((List<Map<String, Object>>) spec.get("steps")).get(0);
              step.put("filter", "amount >= 500.0");
              PipelineResources.annotations(r).put(PipelineResources.AUTHOR, "alice");
              return r;
            });

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(revisions(name).getList("items.source", String.class))
                    .containsExactly("kubectl", "api"));
    JsonPath revisions = revisions(name);
    assertThat(revisions.getString("items[0].author")).isEqualTo("alice");
    JsonPath pipeline =
        developer.getPipeline(TEAM, name).then().statusCode(200).extract().jsonPath();
    assertThat(pipeline.getString("document.spec.steps[0].filter")).isEqualTo("amount >= 500.0");
    // The catalog keeps the description the resource has no place for.
    assertThat(pipeline.getString("document.metadata.description"))
        .isEqualTo("payments of at least 100.0");
    JsonPath audit =
        Api.as(DemoUser.PAYMENTS_ADMIN)
            .request()
            .get(Api.BASE + "/teams/" + TEAM + "/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(
            audit.getList("items.findAll { it.pipeline == '" + name + "' }.source", String.class))
        .containsExactly("kubectl", "api");
    assertThat(audit.getString("items.find { it.pipeline == '" + name + "' }.actor"))
        .isEqualTo("alice");

    // The recorded change is stamped on the resource; the API's next write starts from it.
    awaitCached(name, "2");
    informer.drain(10_000);
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 300.0), "\"2\"")
        .then()
        .statusCode(200);
    awaitCached(name, "3");
    informer.drain(10_000);
    assertThat(revisions(name).getList("items.source", String.class))
        .containsExactly("api", "kubectl", "api");
    assertThat(PipelineResources.spec(resource(name).get()).at("/steps/0/filter").asText())
        .contains("300.0");
  }

  @Test
  void resourceAppliedWithKubectlAppearsInTheCatalogAndItsDeletionRemovesIt() {
    String name = name();
    GenericKubernetesResource applied = PipelineResources.create(NAMESPACE, name, TEAM);
    applied.getMetadata().setLabels(Map.of());
    applied.setAdditionalProperty(
        "spec",
        Map.of(
            "sources",
                List.of(
                    Map.of(
                        "name",
                        "in",
                        "topic",
                        "payments." + name,
                        "fields",
                        Map.of("amount", "double"))),
            "sinks",
                List.of(
                    Map.of("name", "out", "input", "in", "topic", "payments." + name + "-out"))));
    clients
        .client()
        .genericKubernetesResources(PipelineResources.DEFINITION)
        .resource(applied)
        .create();

    await()
        .atMost(WAIT)
        .untilAsserted(() -> developer.getPipeline(TEAM, name).then().statusCode(200));
    assertThat(revisions(name).getList("items.source", String.class)).containsExactly("kubectl");
    assertThat(revisions(name).getString("items[0].author")).isEqualTo("kubectl");

    resource(name).delete();

    await()
        .atMost(WAIT)
        .untilAsserted(() -> developer.getPipeline(TEAM, name).then().statusCode(404));
  }

  @Test
  void specTheLanguageRefusesIsNotRecorded() throws Exception {
    String name = name();
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 100.0))
        .then()
        .statusCode(201);
    awaitCached(name, "1");

    // The mock server has no webhook: an invalid spec reaches the cluster, as with the webhook off.
    resource(name)
        .edit(
            r -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> spec =
                  (Map<String, Object>) r.getAdditionalProperties().get("spec");
              spec.put(
                  "steps", List.of(Map.of("name", "bad", "input", "nowhere", "filter", "x >")));
              return r;
            });
    await()
        .atMost(WAIT)
        .until(
            () ->
                informer
                    .cached(NAMESPACE, name)
                    .map(r -> r.getAdditionalProperties().toString().contains("nowhere"))
                    .orElse(false));
    informer.drain(10_000);

    assertThat(revisions(name).getList("items.source", String.class)).containsExactly("api");
    // Until the resource is valid again, the API's writes are refused rather than overwrite it.
    developer
        .putPipeline(TEAM, name, Documents.largePayments(TEAM, name, 200.0), "\"1\"")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void admissionWebhookRefusesAnInvalidPipelineWithTheApisErrors() {
    String review =
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "u-1", "operation": "CREATE", "namespace": "team-payments",
          "name": "outside",
          "object": {"apiVersion": "tributary.dev/v1alpha1", "kind": "Pipeline",
            "metadata": {"name": "outside", "namespace": "team-payments"},
            "spec": {"sources": [{"name": "in", "topic": "logistics.in", "fields": {"a": "int"}}],
                     "sinks": [{"name": "out", "input": "in", "topic": "payments.out"}]}}}}
        """;

    JsonPath answer =
        io.restassured.RestAssured.given()
            .contentType("application/json")
            .body(review)
            .post("/admission/pipelines")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(answer.getString("response.uid")).isEqualTo("u-1");
    assertThat(answer.getBoolean("response.allowed")).isFalse();
    assertThat(answer.getList("response.status.details.causes.field", String.class))
        .containsExactly("spec.sources[0].topic");
    assertThat(answer.getList("response.status.details.causes.reason", String.class))
        .containsExactly("topic-outside-prefix");

    io.restassured.RestAssured.given()
        .contentType("application/json")
        .body("{\"kind\": \"AdmissionReview\"}")
        .post("/admission/pipelines")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  private Resource<GenericKubernetesResource> resource(String name) {
    return clients
        .client()
        .genericKubernetesResources(PipelineResources.DEFINITION)
        .inNamespace(NAMESPACE)
        .withName(name);
  }

  private void awaitCached(String name, String revision) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                informer
                    .cached(NAMESPACE, name)
                    .flatMap(
                        r -> PipelineResources.annotation(r, PipelineResources.CATALOG_REVISION))
                    .filter(revision::equals)
                    .isPresent());
  }

  private JsonPath revisions(String name) {
    return developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/revisions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private JsonPath status(String name) {
    return developer
        .request()
        .get(Api.pipelinePath(TEAM, name) + "/status")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static byte[] yaml(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String name() {
    return "k8s-" + UUID.randomUUID().toString().substring(0, 6);
  }
}
