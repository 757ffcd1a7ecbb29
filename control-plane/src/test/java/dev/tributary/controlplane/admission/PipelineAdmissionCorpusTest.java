package dev.tributary.controlplane.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.DocumentSyntax;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationError;
import dev.tributary.pipeline.validation.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every document of pipeline-api's corpus, as a {@code Pipeline} resource in its team's namespace,
 * through the admission webhook's decision: the invalid ones refused with their errors — each error
 * of the spec and of the name, with the same path, code and message the API answers — and the valid
 * ones allowed. What a resource cannot carry (the document's {@code apiVersion}, {@code kind},
 * {@code metadata.team}, description and labels; text that is no object) is the API server's to
 * refuse, or is taken from the namespace, and is left out of the comparison.
 */
class PipelineAdmissionCorpusTest {

  private static final Path CORPUS =
      Path.of("..", "pipeline-api", "src", "test", "resources", "pipelines");
  private static final String ERROR = "# error: ";
  private static final String CONTEXT_TEAM = "# context-team: ";

  record Sample(String file, String text, String contextTeam, List<String> expected) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Sample> invalid() throws IOException {
    return samples("invalid");
  }

  static Stream<Sample> valid() throws IOException {
    return samples("valid");
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidDocumentIsRefusedWithItsErrors(Sample sample) {
    JsonNode document = tree(sample);
    if (document == null || !document.path("spec").isObject()) {
      // No resource has this shape: the API server refuses it before any webhook.
      assertThat(sample.expected()).noneMatch(e -> e.startsWith("spec"));
      return;
    }
    boolean named = document.path("metadata").path("name").isTextual();
    List<String> stated = sample.expected();
    if (stated.stream().anyMatch(PipelineAdmissionCorpusTest::aboutText)) {
      // Errors of the text (duplicate keys, YAML anchors, tags, empty and ambiguous values) cannot
      // reach a webhook: kubectl sends the API server the parsed tree as JSON. The API's answer to
      // that JSON is the one to match.
      stated = apiErrors(sample, document);
    }
    List<String> expected =
        stated.stream()
            .filter(e -> e.startsWith("spec") || (named && e.startsWith("metadata.name")))
            .toList();

    JsonNode answer =
        PipelineAdmission.review(review(sample, document), PipelineAdmissionCorpusTest::team);

    List<String> refused = new ArrayList<>();
    answer
        .path("response")
        .path("status")
        .path("details")
        .path("causes")
        .forEach(
            c ->
                refused.add(
                    c.get("field").asText()
                        + ": "
                        + c.get("message").asText()
                        + " ["
                        + c.get("reason").asText()
                        + "]"));
    if (expected.isEmpty()) {
      assertThat(refused)
          .as("errors outside what a resource carries")
          .allMatch(e -> !e.startsWith("spec"));
      return;
    }
    assertThat(answer.path("response").path("allowed").asBoolean(true)).isFalse();
    assertThat(answer.path("response").path("status").path("code").asInt()).isEqualTo(422);
    assertThat(refused).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validDocumentIsAllowed(Sample sample) {
    JsonNode answer =
        PipelineAdmission.review(review(sample, tree(sample)), PipelineAdmissionCorpusTest::team);

    assertThat(answer.path("response").path("allowed").asBoolean()).as(answer.toString()).isTrue();
    assertThat(answer.path("response").path("uid").asText()).isEqualTo("uid-" + sample.file());
  }

  @Test
  void topicOutsideTheNamespacesTeamIsRefused() throws IOException {
    Sample sample = sample(CORPUS.resolve("valid").resolve("filter-basic.yaml"));
    ObjectNode document = (ObjectNode) tree(sample);
    ((ObjectNode) document.path("metadata")).put("team", "logistics");

    JsonNode answer =
        PipelineAdmission.review(review(sample, document), PipelineAdmissionCorpusTest::team);

    assertThat(answer.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(
            answer
                .path("response")
                .path("status")
                .path("details")
                .path("causes")
                .findValuesAsText("reason"))
        .isNotEmpty()
        .allMatch("topic-outside-prefix"::equals);
  }

  @Test
  void namespaceOfNoTeamIsRefused() throws IOException {
    Sample sample = sample(CORPUS.resolve("valid").resolve("filter-basic.yaml"));
    ObjectNode review = review(sample, tree(sample));
    ((ObjectNode) review.path("request")).put("namespace", "default");

    JsonNode answer = PipelineAdmission.review(review, PipelineAdmissionCorpusTest::team);

    assertThat(answer.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(
            answer
                .path("response")
                .path("status")
                .path("details")
                .path("causes")
                .get(0)
                .get("reason")
                .asText())
        .isEqualTo(PipelineAdmission.NO_TEAM);
  }

  @Test
  void updateThatKeepsTheSpecIsAllowedAndDeleteIsAllowed() throws IOException {
    Sample sample = sample(CORPUS.resolve("invalid").resolve("bad-durations.yaml"));
    ObjectNode review = review(sample, tree(sample));
    ObjectNode request = (ObjectNode) review.path("request");
    request.put("operation", "UPDATE");
    request.set("oldObject", request.get("object").deepCopy());

    assertThat(
            PipelineAdmission.review(review, PipelineAdmissionCorpusTest::team)
                .path("response")
                .path("allowed")
                .asBoolean())
        .isTrue();

    request.remove("oldObject");
    request.put("operation", "DELETE");
    assertThat(
            PipelineAdmission.review(review, PipelineAdmissionCorpusTest::team)
                .path("response")
                .path("allowed")
                .asBoolean())
        .isTrue();
  }

  private static final Set<String> TEXT_CODES =
      Set.of("[duplicate-key]", "[yaml-alias]", "[yaml-tag]", "[ambiguous-yaml-value]");

  private static boolean aboutText(String error) {
    return TEXT_CODES.stream().anyMatch(error::endsWith) || error.contains("got nothing");
  }

  /** What the API answers for the document sent as the JSON kubectl would send. */
  private static List<String> apiErrors(Sample sample, JsonNode document) {
    ObjectNode json = document.deepCopy();
    ((ObjectNode) json.path("metadata")).put("team", team(sample, document));
    ValidationResult result =
        PipelineValidator.validate(
            json.toString(),
            DocumentSyntax.JSON,
            ValidationContext.forTeam(team(sample, document)));
    return result.errors().stream().map(ValidationError::toString).toList();
  }

  /** team-<slug> namespaces belong to <slug> with the prefix <slug>., as the catalog's defaults. */
  static Optional<ValidationContext> team(String namespace) {
    return namespace.startsWith("team-")
        ? Optional.of(ValidationContext.forTeam(namespace.substring("team-".length())))
        : Optional.empty();
  }

  /** A CREATE review of the document as a resource in its team's namespace. */
  static ObjectNode review(Sample sample, JsonNode document) {
    String team = team(sample, document);
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode review = json.objectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", "uid-" + sample.file());
    request.put("operation", "CREATE");
    request.put("namespace", "team-" + team);
    ObjectNode object = request.putObject("object");
    object.put("apiVersion", "tributary.dev/v1alpha1");
    object.put("kind", "Pipeline");
    JsonNode name = document.path("metadata").path("name");
    object
        .putObject("metadata")
        .put("name", name.isTextual() ? name.asText() : "unnamed")
        .put("namespace", "team-" + team);
    object.set("spec", document.get("spec"));
    return review;
  }

  /** The team of the sample, as a namespace can name it (a slug is lower case). */
  private static String team(Sample sample, JsonNode document) {
    String team = sample.contextTeam();
    if (team == null) {
      JsonNode declared = document.path("metadata").path("team");
      team = declared.isTextual() ? declared.asText() : "payments";
    }
    return team.toLowerCase(Locale.ROOT);
  }

  private static JsonNode tree(Sample sample) {
    try {
      JsonNode tree = PipelineMapper.yaml().readTree(sample.text());
      return tree != null && tree.isObject() ? tree : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Stream<Sample> samples(String folder) throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve(folder))) {
      List<Sample> samples = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        samples.add(sample(file));
      }
      return samples.stream();
    }
  }

  private static Sample sample(Path file) throws IOException {
    String raw = Files.readString(file);
    List<String> expected = new ArrayList<>();
    String contextTeam = null;
    for (String line : raw.split("\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      if (line.startsWith(ERROR)) {
        expected.add(line.substring(ERROR.length()));
      } else if (line.startsWith(CONTEXT_TEAM)) {
        contextTeam = line.substring(CONTEXT_TEAM.length()).trim();
      }
    }
    return new Sample(file.getFileName().toString(), raw, contextTeam, expected);
  }
}
