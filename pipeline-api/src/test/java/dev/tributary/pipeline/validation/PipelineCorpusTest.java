package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.validation.Corpus.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample pipeline validates exactly as its file says. */
class PipelineCorpusTest {

  static List<Sample> validPipelines() {
    return Corpus.valid();
  }

  static List<Sample> invalidPipelines() {
    return Corpus.invalid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPipelines")
  void validPipelineHasNoErrors(Sample sample) {
    ValidationResult result = sample.validate();

    assertThat(result.errors()).as(sample.name()).isEmpty();
    assertThat(result.isValid()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPipelines")
  void validPipelineBelongsToATeamAndKeepsItsTopicsInsideThePrefix(Sample sample) {
    ValidatedPipeline pipeline = sample.validate().orThrow();

    assertThat(pipeline.team()).isNotBlank();
    assertThat(pipeline.topicPrefix()).isEqualTo(pipeline.team() + ".");
    assertThat(pipeline.deadLetterTopic()).startsWith(pipeline.topicPrefix());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPipelines")
  void everyExpressionOfAValidPipelineCompiles(Sample sample) {
    ValidatedPipeline pipeline = sample.validate().orThrow();

    assertThat(PipelineExpressions.compileAll(pipeline)).as(sample.name()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void invalidPipelineHasExactlyItsExpectedErrors(Sample sample) {
    assertThat(sample.expectedErrors())
        .as("%s states its expected errors as '# error:' header lines", sample.name())
        .isNotEmpty();

    ValidationResult result = sample.validate();

    assertThat(result.isValid()).isFalse();
    assertThat(result.errors().stream().map(ValidationError::toString).toList())
        .as(sample.name())
        .containsExactlyInAnyOrderElementsOf(sample.expectedErrors());
  }

  @Test
  void corpusHoldsAtLeastThirtyValidAndSixtyInvalidPipelines() {
    assertThat(Corpus.valid()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(Corpus.invalid()).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void validCorpusHoldsTheRepositorysExamples() {
    assertThat(Corpus.valid())
        .extracting(Sample::name)
        .contains(
            "examples/card-fraud/pipeline.yaml",
            "examples/machine-health/pipeline.yaml",
            "examples/orders-etl/pipeline.yaml");
  }
}
