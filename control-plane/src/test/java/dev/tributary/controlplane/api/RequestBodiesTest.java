package dev.tributary.controlplane.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tributary.controlplane.testing.Api;
import dev.tributary.controlplane.testing.DemoUser;
import dev.tributary.controlplane.testing.Documents;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies are read as they were sent or not at all: bytes that are not UTF-8 are refused with their
 * offset, never stored as U+FFFD; a document's media type decides how it is parsed.
 */
@QuarkusTest
class RequestBodiesTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String TYPE = "https://tributary.dev/problems/";
  private static final String TEAM = "payments";
  private final Api developer = Api.as(DemoUser.PAYMENTS_DEVELOPER);
  private final Api platformAdmin = Api.as(DemoUser.PLATFORM_ADMIN);

  private static String fresh() {
    return "body-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The text with {@code hex} in place of the first {@code marker}, and where it is. */
  private record Spliced(byte[] bytes, int offset) {

    static Spliced of(String text, String marker, String hex) {
      byte[] before = text.substring(0, text.indexOf(marker)).getBytes(StandardCharsets.UTF_8);
      byte[] after =
          text.substring(text.indexOf(marker) + marker.length()).getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(before);
      out.writeBytes(HexFormat.ofDelimiter(" ").parseHex(hex));
      out.writeBytes(after);
      return new Spliced(out.toByteArray(), before.length);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FF", "ED A0 80", "C0 AF", "80"})
  void pipelineWithBytesThatAreNotUtf8IsRefusedWithTheirOffset(String hex) {
    String name = fresh();
    Spliced body = Spliced.of(Documents.largePayments(TEAM, name, 1.0), "payments of", hex + " 61");

    developer
        .request()
        .contentType("application/json")
        .body(body.bytes())
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-encoding"))
        .body("detail", containsString("at byte offset " + body.offset()));
    developer.getPipeline(TEAM, name).then().statusCode(404);
  }

  @Test
  void yamlCutOffInTheMiddleOfACharacterIsRefused() {
    String name = fresh();
    byte[] yaml =
        (Documents.largePaymentsYaml(TEAM, name, 1.0) + "# ≥").getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(yaml, yaml.length - 1);

    developer
        .request()
        .contentType("application/yaml")
        .body(cut)
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-encoding"))
        .body("detail", containsString("ends in the middle of a character"));
  }

  @Test
  void dryRunReadsTheBodyJustAsStrictly() {
    Spliced body = Spliced.of(Documents.largePayments(TEAM, "dry", 1.0), "payments of", "FF");

    developer
        .request()
        .contentType("application/json")
        .body(body.bytes())
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/validate")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-encoding"))
        .body("detail", containsString("at byte offset " + body.offset()));
  }

  @Test
  void teamBodiesBoundToObjectsAreReadJustAsStrictly() {
    String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
    Spliced team =
        Spliced.of(
            "{\"slug\": \"" + slug + "\", \"displayName\": \"Zahlungen X\"}", "X", "ED A0 80");

    platformAdmin
        .request()
        .contentType("application/json")
        .body(team.bytes())
        .post("/api/v1/teams")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-encoding"))
        .body("detail", containsString("at byte offset " + team.offset()));
    platformAdmin.request().get("/api/v1/teams/" + slug).then().statusCode(404);

    platformAdmin
        .request()
        .contentType("application/json")
        .header("If-Match", "*")
        .body(new byte[] {'{', (byte) 0xFF, '}'})
        .put("/api/v1/teams/" + TEAM + "/quotas")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo(TYPE + "invalid-encoding"));
  }

  @Test
  void declaredCharsetIsIgnoredAndTheBodyReadAsUtf8() {
    // HTTP clients add charset=ISO-8859-1 to text types on their own; JSON is UTF-8 (RFC 8259).
    String name = fresh();

    developer
        .request()
        .contentType("application/json; charset=ISO-8859-1")
        .body(
            Documents.largePayments(TEAM, name, 1.0)
                .replace("payments of", "Zahlungen ≥")
                .getBytes(StandardCharsets.UTF_8))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201)
        .body("description", equalTo("Zahlungen ≥ at least 1.0"));
    developer
        .getPipeline(TEAM, name)
        .then()
        .body("document.metadata.description", equalTo("Zahlungen ≥ at least 1.0"));
  }

  @Test
  void utf8DeclaredExplicitlyIsAccepted() {
    String name = fresh();

    developer
        .request()
        .contentType("application/json; charset=UTF-8")
        .body(
            Documents.largePayments(TEAM, name, 1.0)
                .replace("payments of", "Zahlungen ≥")
                .getBytes(StandardCharsets.UTF_8))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201)
        .body("description", equalTo("Zahlungen ≥ at least 1.0"));
  }

  @Test
  void yamlSentAsJsonIsReadAsJsonAndRefused() {
    String name = fresh();

    developer
        .request()
        .contentType("application/json")
        .body(Documents.largePaymentsYaml(TEAM, name, 1.0))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors.code", hasItem("syntax"))
        .body("errors[0].message", containsString("not valid JSON"));
    developer.getPipeline(TEAM, name).then().statusCode(404);
  }

  @Test
  void yamlFlowMappingSentAsJsonIsRefusedAndSentAsYamlIsRead() {
    // An unquoted key: YAML's flow mapping, not JSON.
    String flow =
        Documents.largePayments(TEAM, fresh(), 1.0).replace("\"apiVersion\"", "apiVersion");

    developer
        .request()
        .contentType("application/json")
        .body(flow)
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/validate")
        .then()
        .statusCode(422)
        .body("errors[0].message", containsString("not valid JSON"));
    developer
        .request()
        .contentType("application/x-yaml")
        .body(flow.getBytes(StandardCharsets.UTF_8))
        .post(Api.BASE + "/teams/" + TEAM + "/pipelines/validate")
        .then()
        .statusCode(200);
  }

  @Test
  void jsonSentAsYamlIsReadAsYaml() {
    String name = fresh();

    developer
        .request()
        .contentType("text/yaml")
        .body(Documents.largePayments(TEAM, name, 1.0))
        .put(Api.pipelinePath(TEAM, name))
        .then()
        .statusCode(201);
  }
}
