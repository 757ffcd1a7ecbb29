package dev.tributary.controlplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language's own example documents (pipeline-api's test resources) through the API: every
 * invalid one is a 422 with its errors — bad input is never a 500 — and every valid one passes the
 * dry run in team payments or is refused only for naming another team (or its quotas).
 */
@QuarkusTest
class ExampleDocumentsTest {

  private static final Path EXAMPLES = Path.of("../pipeline-api/src/test/resources/pipelines");
  private final Api admin = Api.as(DemoUser.PLATFORM_ADMIN);

  static Stream<Path> invalid() throws IOException {
    return files("invalid");
  }

  static Stream<Path> valid() throws IOException {
    return files("valid");
  }

  private static Stream<Path> files(String kind) throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES.resolve(kind))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidExampleIsRefusedWithItsErrors(Path file) throws IOException {
    Response response = put(file, "payments");

    assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.jsonPath().getList("errors")).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validExampleIsValidInPaymentsOrNamesAnotherTeam(Path file) throws IOException {
    Response response =
        admin
            .request()
            .contentType(contentType(file))
            .body(Files.readAllBytes(file))
            .post("/api/v1/teams/payments/pipelines/validate");

    if (response.statusCode() == 200) {
      assertThat(response.jsonPath().getBoolean("valid")).isTrue();
    } else {
      // Examples written for another team name it in metadata.team or use its topics; a few ask
      // for more than the demo team's quotas.
      assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(422);
      assertThat(response.jsonPath().getList("errors.code", String.class))
          .isNotEmpty()
          .allMatch(
              code ->
                  code.startsWith("team") || code.startsWith("topic") || code.startsWith("max-"),
              "only team, topic or quota errors");
    }
  }

  private Response put(Path file, String team) throws IOException {
    return admin
        .request()
        .contentType(contentType(file))
        .body(Files.readAllBytes(file))
        .put(Api.pipelinePath(team, "example"));
  }

  private static String contentType(Path file) {
    return file.toString().endsWith(".json") ? "application/json" : "application/yaml";
  }
}
