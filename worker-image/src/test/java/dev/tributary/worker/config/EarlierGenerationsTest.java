package dev.tributary.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlierGenerationsTest {

  @TempDir Path state;

  @Test
  void onlyTheOtherGenerationsOfThisPipelineAreRemoved() throws Exception {
    for (String folder :
        new String[] {
          "bank.totals",
          "bank.totals.2",
          "bank.totals.3",
          "bank.totals-eu",
          "bank.totals.2a",
          "bank.totalsx",
          "bank.other"
        }) {
      Files.createDirectories(state.resolve(folder).resolve("0_1").resolve("rocksdb"));
      Files.writeString(state.resolve(folder).resolve("0_1").resolve("rocksdb").resolve("x"), "x");
    }
    ValidatedPipeline third =
        PipelineValidator.validate(
                """
                apiVersion: tributary.dev/v1alpha1
                kind: Pipeline
                metadata: {name: totals, team: bank}
                spec:
                  sources:
                    - {name: payments, topic: bank.payments, fields: {amount: int}}
                  sinks:
                    - {name: out, input: payments, topic: bank.out}
                """,
                ValidationContext.forTeam("bank"))
            .orThrow()
            .withStateGeneration(3);

    assertThat(EarlierGenerations.removeState(state, third))
        .containsExactlyInAnyOrder(state.resolve("bank.totals"), state.resolve("bank.totals.2"));

    try (var left = Files.list(state)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "bank.totals.3", "bank.totals-eu", "bank.totals.2a", "bank.totalsx", "bank.other");
    }
    assertThat(EarlierGenerations.removeState(state.resolve("absent"), third)).isEmpty();
  }
}
