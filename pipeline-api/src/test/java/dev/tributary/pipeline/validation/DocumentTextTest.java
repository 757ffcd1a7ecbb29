package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.pipeline.spec.PipelineMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the text of a document may hold: strict JSON when it is declared JSON; YAML without the
 * features that would make the validated document differ from what its author sees; and only text
 * that the catalog can store.
 */
class DocumentTextTest {

  private static final String PIPELINE =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata:
        name: text
        team: payments
        description: DESCRIPTION
      spec:
        sources:
          - {name: tx, topic: payments.tx, fields: {amount: double, country: string}}
        steps:
          - name: big
            input: tx
            filter: FILTER
        sinks:
          - {name: out, input: big, topic: payments.out, partitions: PARTITIONS}
      """;

  private static List<ValidationError> yaml(String description, String filter, String partitions) {
    return PipelineValidator.validate(
            PIPELINE
                .replace("DESCRIPTION", description)
                .replace("FILTER", filter)
                .replace("PARTITIONS", partitions),
            DocumentSyntax.YAML,
            ValidationContext.NONE)
        .errors();
  }

  private static List<ValidationError> json(String text) {
    return PipelineValidator.validate(text, DocumentSyntax.JSON, ValidationContext.NONE).errors();
  }

  @Test
  void plainYamlOfTheLanguageIsValid() {
    assertThat(yaml("'yes, on 010 and 0x1F: quoted, so text'", "amount > 1.0", "3")).isEmpty();
  }

  @Test
  void aliasOfAnAnchorNoOneDefinedIsRefusedNotReadAsText() {
    assertThat(yaml("*nope", "amount > 1.0", "3"))
        .containsExactly(
            new ValidationError(
                "metadata.description",
                "yaml-alias",
                "'*nope' is a YAML alias; anchors and aliases are not supported, write the value"
                    + " out in full (line 6, column 16)"));
  }

  @Test
  void anchorsAndAliasesAreRefusedWhereverTheyAre() {
    assertThat(yaml("&text a pipeline", "*text", "3"))
        .extracting(ValidationError::path, ValidationError::code)
        .containsExactly(
            tuple("metadata.description", "yaml-alias"),
            tuple("spec.steps[0].filter", "yaml-alias"));
  }

  @Test
  void anchoredMappingIsRefusedOnceAtItsPlace() {
    String text =
        PIPELINE
            .replace("DESCRIPTION", "x")
            .replace("FILTER", "amount > 1.0")
            .replace("PARTITIONS", "3")
            .replace("  - {name: tx,", "  - &source {name: tx,");

    assertThat(PipelineValidator.validate(text).errors())
        .containsExactly(
            new ValidationError(
                "spec.sources[0]",
                "yaml-alias",
                "'&source' is a YAML anchor; anchors and aliases are not supported, write the"
                    + " value out in full (line 9, column 7)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!str amount > 1.0", "!!binary YW1vdW50", "!custom amount > 1.0"})
  void tagsAreRefused(String filter) {
    assertThat(yaml("x", filter, "3"))
        .extracting(ValidationError::path, ValidationError::code)
        .containsExactly(tuple("spec.steps[0].filter", "yaml-tag"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "No", "on", "OFF"})
  void yamlOneOneBooleansAreRefused(String word) {
    assertThat(yaml(word, "amount > 1.0", "3"))
        .extracting(ValidationError::path, ValidationError::code)
        .containsExactly(tuple("metadata.description", "ambiguous-yaml-value"));
  }

  @Test
  void octalNumberIsRefusedRatherThanReadAsEight() {
    assertThat(yaml("x", "amount > 1.0", "010"))
        .containsExactly(
            new ValidationError(
                "spec.sinks[0].partitions",
                "ambiguous-yaml-value",
                "YAML reads the unquoted '010' as the number 8; write numbers in plain decimal, or"
                    + " quote '010' for the text (line 15, column 64)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x10", "0b11", "1_0", "+0_3"})
  void numbersInOtherBasesOrWithUnderscoresAreRefused(String number) {
    assertThat(yaml("x", "amount > 1.0", number))
        .extracting(ValidationError::path, ValidationError::code)
        .containsExactly(tuple("spec.sinks[0].partitions", "ambiguous-yaml-value"));
  }

  @Test
  void filterWrittenAsYamlNullIsRefusedAsNothing() {
    assertThat(yaml("x", "", "3"))
        .containsExactly(
            new ValidationError(
                "spec.steps[0].filter", "wrong-type", "expected a string, got nothing"));
    assertThat(yaml("x", "~", "3"))
        .containsExactly(
            new ValidationError(
                "spec.steps[0].filter", "wrong-type", "expected a string, got nothing"));
  }

  @Test
  void filterWhoseExpressionIsNullIsRefused() {
    assertThat(yaml("x", "'null'", "3"))
        .containsExactly(
            new ValidationError(
                "spec.steps[0].filter",
                "expression-type",
                "'null' is null, but a bool is needed here"));
  }

  @Test
  void nulCharacterWrittenInYamlIsRefusedWithItsPlace() {
    assertThat(yaml("\"a pipeline\\0\"", "amount > 1.0", "3"))
        .containsExactly(
            new ValidationError(
                "metadata.description",
                "unstorable-character",
                "the text holds a NUL character (U+0000) at character 11, which cannot be stored;"
                    + " remove it"));
  }

  @Test
  void nulCharacterAndLoneSurrogateWrittenInJsonAreRefusedInKeysAndValues() {
    String text =
        """
        {"apiVersion": "tributary.dev/v1alpha1", "kind": "Pipeline",
         "metadata": {"name": "text", "labels": {"team\\u0000": "payments"}},
         "spec": {"steps": [{"name": "big", "filter": "amount > \\ud800"}]}}
        """;

    assertThat(json(text))
        .containsExactly(
            new ValidationError(
                "metadata.labels['team\\u0000']",
                "unstorable-character",
                "the key holds a NUL character (U+0000) at character 5, which cannot be stored;"
                    + " remove it"),
            new ValidationError(
                "spec.steps[0].filter",
                "unstorable-character",
                "the text holds an unpaired UTF-16 surrogate (U+D800) at character 10, which is no"
                    + " character and has no UTF-8 encoding; remove it"));
  }

  @Test
  void charactersOutsideTheBasicPlaneArePairedAndValid() {
    assertThat(yaml("\"\\U0001F30A streams\"", "amount > 1.0", "3")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"apiVersion\": \"tributary.dev/v1alpha1\", /* a comment */ \"kind\": \"Pipeline\"}",
        "{\"apiVersion\": \"tributary.dev/v1alpha1\", \"kind\": \"Pipeline\",}",
        "{'apiVersion': 'tributary.dev/v1alpha1'}",
        "{\"apiVersion\": \"tributary.dev/v1alpha1\", \"spec\": {\"runtime\": {\"x\": NaN}}}",
        "{\"apiVersion\": \"tributary.dev/v1alpha1\", \"spec\": {\"partitions\": 010}}",
        "{apiVersion: tributary.dev/v1alpha1}",
        "apiVersion: tributary.dev/v1alpha1\nkind: Pipeline\n"
      })
  void declaredJsonIsStrictJson(String text) {
    List<ValidationError> errors = json(text);

    assertThat(errors).extracting(ValidationError::code).containsExactly("syntax");
    assertThat(errors.get(0).message()).startsWith("the document is not valid JSON: ");
    assertThat(errors.get(0).message()).doesNotContain("Feature", "JsonReadFeature");
  }

  @Test
  void declaredJsonWithADuplicateKeyIsRefused() {
    assertThat(json("{\"kind\": \"Pipeline\", \"kind\": \"Pipeline\"}"))
        .extracting(ValidationError::code)
        .containsExactly("duplicate-key");
  }

  @Test
  void pipelineWrittenAsYamlReadsBackAsTheSamePipeline() throws Exception {
    // What the local runtime writes for its workers, which validate it again.
    String text =
        PIPELINE
            .replace("DESCRIPTION", "'0x10'")
            .replace("FILTER", "amount > 1.0")
            .replace("PARTITIONS", "3")
            .replace(
                "team: payments", "team: payments\n  labels: {cost-center: '4711', pii: 'yes'}");
    ValidationResult written = PipelineValidator.validate(text);

    String yaml = PipelineMapper.yaml().writeValueAsString(written.document());
    ValidationResult read =
        PipelineValidator.validate(yaml, DocumentSyntax.YAML, ValidationContext.NONE);

    assertThat(written.errors()).isEmpty();
    assertThat(read.errors()).isEmpty();
    assertThat(read.document()).isEqualTo(written.document());
  }

  @Test
  void yamlRunWithoutASpaceOverTheLimitIsRefusedBeforeItIsRead() {
    // SnakeYAML's time grows with the square of such a run: 900,000 brackets took 1.5 s.
    String run = "[".repeat(StrictYamlParser.MAX_RUN + 1);

    assertThat(yaml("aggregate" + run, "amount > 1.0", "3"))
        .containsExactly(
            new ValidationError(
                "",
                "syntax",
                "line 6 holds more than 65536 characters in a row without a space; YAML is read in"
                    + " time that grows with the square of such a run: break the value up, or send"
                    + " the document as JSON"));
  }

  @Test
  void compactJsonDeclaredYamlIsReadWhateverItsLength() {
    // Flow collections end YAML's runs at every bracket, comma and quote.
    String compact =
        """
        {"apiVersion":"tributary.dev/v1alpha1","kind":"Pipeline",\
        "metadata":{"name":"compact","team":"payments","description":"DESCRIPTION"},\
        "spec":{"sources":[{"name":"tx","topic":"payments.tx","fields":{"amount":"double"}}],\
        "steps":[{"name":"big","input":"tx","filter":"amount>1.0"}],\
        "sinks":[{"name":"out","input":"big","topic":"payments.out"}]}}"""
            .replace("DESCRIPTION", "x".repeat(1_000))
            .replace("\"steps\"", "\"unread\":[" + "\"a\",".repeat(40_000) + "\"a\"],\"steps\"");

    List<ValidationError> errors =
        PipelineValidator.validate(compact, DocumentSyntax.YAML, ValidationContext.NONE).errors();

    assertThat(compact).doesNotContain(" ").hasSizeGreaterThan(2 * StrictYamlParser.MAX_RUN);
    assertThat(errors).extracting(ValidationError::path).containsExactly("spec.unread");
  }
}
