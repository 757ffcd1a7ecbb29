package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry points of validation and what they promise whatever comes in. */
class PipelineValidatorTest {

  private static final String CARD_FRAUD = Corpus.example("card-fraud").text();

  @Test
  void missingTextIsAnEmptyDocument() {
    assertThat(PipelineValidator.validate((String) null).errors())
        .containsExactly(new ValidationError("", "empty-document", "the document is empty"));
  }

  @Test
  void documentOverTheSizeLimitIsRefusedBeforeItIsRead() {
    String huge = "a".repeat(PipelineValidator.MAX_DOCUMENT_CHARS + 1);

    assertThat(PipelineValidator.validate(huge).errors())
        .extracting(ValidationError::code)
        .containsExactly("document-too-large");
  }

  @Test
  void documentNestingDeeperThanTheLimitIsRefused() {
    String deep = "apiVersion: " + "[".repeat(10_000);

    assertThat(PipelineValidator.validate(deep).errors())
        .containsExactly(
            new ValidationError(
                "",
                "syntax",
                "the document nests deeper than 64 levels; a pipeline needs far fewer"));
  }

  @Test
  void parsedTreeAndBoundDocumentValidateLikeTheirText() throws Exception {
    JsonNode tree = PipelineMapper.yaml().readTree(CARD_FRAUD);
    PipelineDocument document = PipelineMapper.yaml().readValue(CARD_FRAUD, PipelineDocument.class);

    assertThat(PipelineValidator.validate(CARD_FRAUD).isValid()).isTrue();
    assertThat(PipelineValidator.validate(tree, ValidationContext.NONE).isValid()).isTrue();
    assertThat(
            PipelineValidator.validate(document, ValidationContext.forTeam("payments")).isValid())
        .isTrue();
  }

  @Test
  void boundDocumentHoldingWhatNoTextCanIsAnErrorNotAnException() throws Exception {
    PipelineDocument document =
        PipelineValidator.read(
            CARD_FRAUD.replace("versioned: {history: 1d}", "versioned: {history: 999999999999d}"));

    assertThat(PipelineValidator.validate(document, ValidationContext.NONE).errors())
        .containsExactly(
            new ValidationError(
                "spec.tables[0].versioned.history",
                "invalid-value",
                "the value cannot be written: long overflow"));
  }

  @Test
  void sameDocumentAsJsonValidatesLikeItsYaml() throws Exception {
    String json =
        PipelineMapper.json().writeValueAsString(PipelineMapper.yaml().readTree(CARD_FRAUD));

    assertThat(PipelineValidator.validate(json).isValid()).isTrue();
  }

  @Test
  void everyErrorIsReportedAtOnceInDocumentOrder() {
    String broken =
        CARD_FRAUD
            .replace("topic: payments.fraud-alerts", "topic: fraud-alerts")
            .replace("filter: spent > cardLimit", "filter: spent > cardLimt")
            .replace(
                "deduplicate: {key: txId, within: 10m}", "deduplicate: {key: txid, within: 10m}")
            .replace("replicas: {min: 1, max: 2}", "replicas: {min: 1, max: 2000}");

    List<ValidationError> errors = PipelineValidator.validate(broken).errors();

    assertThat(errors)
        .extracting(ValidationError::path)
        .containsExactly(
            "spec.steps[0].deduplicate.key",
            "spec.steps[3].filter",
            "spec.sinks[0].topic",
            "spec.runtime.replicas.max");
  }

  @Test
  void invalidResultHandsOutNoPipeline() {
    ValidationResult result = PipelineValidator.validate("kind: Pipeline");

    assertThat(result.validated()).isEmpty();
    assertThatThrownBy(result::orThrow)
        .isInstanceOf(InvalidPipelineException.class)
        .hasMessageContaining("required field 'apiVersion' is missing")
        .satisfies(
            e -> assertThat(((InvalidPipelineException) e).errors()).isEqualTo(result.errors()));
  }

  @Test
  void documentForAnotherTeamIsRefused() {
    ValidationResult result =
        PipelineValidator.validate(CARD_FRAUD, ValidationContext.forTeam("fraud"));

    assertThat(result.errors())
        .extracting(ValidationError::code)
        .contains("team-mismatch", "topic-outside-prefix");
  }
}
