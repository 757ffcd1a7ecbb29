package dev.tributary.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.pipeline.spec.StepSpec;
import org.junit.jupiter.api.Test;

/** How steps are put in order, and how a cycle among them is reported. */
class StepOrderTest {

  private static final String HEADER =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: order, team: payments}
      spec:
        sources:
          - {name: in, topic: payments.in, key: {field: id}, fields: {id: string}}
        sinks:
          - {name: out, input: last, topic: payments.out}
        steps:
      """;

  @Test
  void stepsComeAfterTheirInputsWhateverOrderTheyAreWrittenIn() {
    ValidatedPipeline pipeline =
        validate(
                """
            - {name: last, input: middle, filter: "true"}
            - {name: middle, input: first, filter: "true"}
            - {name: first, input: in, filter: "true"}
        """)
            .orThrow();

    assertThat(pipeline.stepsInOrder())
        .extracting(StepSpec::name)
        .containsExactly("first", "middle", "last");
  }

  @Test
  void cycleIsReportedOnceInTheDirectionRecordsFlow() {
    ValidationResult result =
        validate(
            """
            - {name: enrich, input: flag, filter: "true"}
            - {name: score, input: enrich, filter: "true"}
            - {name: flag, input: score, filter: "true"}
            - {name: last, input: flag, filter: "true"}
        """);

    assertThat(result.errors())
        .containsExactly(
            new ValidationError(
                "spec.steps[0].input",
                "cycle",
                "steps form a cycle: enrich → score → flag → enrich; a pipeline's steps must flow"
                    + " from sources to sinks"));
  }

  @Test
  void stepThatReadsItselfIsACycle() {
    ValidationResult result =
        validate(
            """
            - {name: last, input: last, filter: "true"}
        """);

    assertThat(result.errors())
        .extracting(ValidationError::path, ValidationError::message)
        .containsExactly(
            tuple(
                "spec.steps[0].input",
                "steps form a cycle: last → last; a pipeline's steps must flow from sources to sinks"));
  }

  @Test
  void separateCyclesAreEachReportedAndStepsBehindThemAreNot() {
    ValidationResult result =
        validate(
            """
            - {name: a, input: b, filter: "true"}
            - {name: b, input: a, filter: "true"}
            - {name: c, input: d, filter: "true"}
            - {name: d, input: c, filter: "true"}
            - {name: last, input: d, filter: "true"}
        """);

    assertThat(result.errors()).extracting(ValidationError::code).containsExactly("cycle", "cycle");
    assertThat(result.errors())
        .extracting(ValidationError::path)
        .containsExactly("spec.steps[0].input", "spec.steps[2].input");
  }

  @Test
  void cycleClosedByAJoinIsReportedAtTheJoinsRightSide() {
    ValidationResult result =
        validate(
            """
            - {name: joined, input: in, join: {with: last, key: id, within: 1m, grace: 0s}}
            - {name: last, input: joined, filter: "true"}
        """);

    assertThat(result.errors())
        .extracting(ValidationError::path, ValidationError::code)
        .containsExactly(tuple("spec.steps[0].join.with", "cycle"));
  }

  private static ValidationResult validate(String steps) {
    return PipelineValidator.validate(HEADER + steps.indent(2));
  }
}
