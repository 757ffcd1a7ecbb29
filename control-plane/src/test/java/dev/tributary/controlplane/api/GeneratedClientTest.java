package dev.tributary.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.client.ApiClient;
import dev.tributary.client.ApiException;
import dev.tributary.client.api.MeApi;
import dev.tributary.client.api.PipelinesApi;
import dev.tributary.client.api.RevisionsApi;
import dev.tributary.client.api.StatusApi;
import dev.tributary.client.model.Pipeline;
import dev.tributary.client.model.PipelineDocument;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CI/CD job's view: the Java client generated at build time from the checked-in docs/openapi.yaml
 * (openapi-generator, library "native") drives the API. If the document described the API wrongly,
 * this would not compile or would fail to read the answers.
 */
@QuarkusTest
class GeneratedClientTest {

  private static final String TEAM = "payments";

  @TestHTTPResource("/")
  URL base;

  private ApiClient client;

  @BeforeEach
  void connectAsTeamDeveloper() {
    String token = DemoUser.PAYMENTS_DEVELOPER.token();
    client = new ApiClient();
    client.updateBaseUri(base.toString().replaceAll("/$", ""));
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
  }

  private PipelineDocument document(String name, double threshold) throws Exception {
    return client
        .getObjectMapper()
        .readValue(Documents.largePayments(TEAM, name, threshold), PipelineDocument.class);
  }

  @Test
  void deployWorkflowThroughTheGeneratedClient() throws Exception {
    String name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
    PipelinesApi pipelines = new PipelinesApi(client);
    RevisionsApi revisions = new RevisionsApi(client);

    assertThat(new MeApi(client).getMe().getUsername()).isEqualTo("payments-developer");
    assertThat(pipelines.validatePipeline(TEAM, document(name, 100.0)).getValid()).isTrue();

    Pipeline created =
        pipelines.putPipeline(name, TEAM, document(name, 100.0), false, null, "*", "api");
    Pipeline updated =
        pipelines.putPipeline(name, TEAM, document(name, 500.0), false, "\"1\"", null, "api");
    ApiException stale =
        catchThrowableOfType(
            ApiException.class,
            () ->
                pipelines.putPipeline(
                    name, TEAM, document(name, 900.0), false, "\"1\"", null, "api"));
    Pipeline rolledBack = revisions.rollbackPipeline(name, 1, TEAM, "\"2\"", "api");

    assertThat(created.getRevision()).isEqualTo(1);
    assertThat(updated.getRevision()).isEqualTo(2);
    assertThat(stale.getCode()).isEqualTo(412);
    JsonNode problem = client.getObjectMapper().readTree(stale.getResponseBody());
    assertThat(problem.get("type").asText())
        .isEqualTo("https://tributary.dev/problems/precondition-failed");
    assertThat(rolledBack.getRevision()).isEqualTo(3);
    assertThat(rolledBack.getDocument().getSpec().getSteps().get(0).getFilter())
        .isEqualTo("amount >= 100.0");
    assertThat(revisions.listRevisions(name, TEAM, null, null).getItems()).hasSize(3);
    assertThat(pipelines.listPipelines(TEAM, null, 500, "active").getItems())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(name));
    assertThat(new StatusApi(client).getPipelineStatus(name, TEAM, null).getPhase().getValue())
        .isEqualTo("Pending");
  }

  @Test
  void invalidPipelineComesBackAsAProblemWithEveryError() throws Exception {
    String name = "ci-bad-" + UUID.randomUUID().toString().substring(0, 8);
    PipelineDocument invalid =
        client
            .getObjectMapper()
            .readValue(Documents.withTwoErrors(TEAM, name), PipelineDocument.class);

    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new PipelinesApi(client).putPipeline(name, TEAM, invalid, false, null, null, null));

    assertThat(refused.getCode()).isEqualTo(422);
    JsonNode problem = client.getObjectMapper().readTree(refused.getResponseBody());
    assertThat(problem.get("errors").size()).isGreaterThanOrEqualTo(2);
  }
}
