package dev.tributary.runtime.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.runtime.testing.TestPipelines;
import org.junit.jupiter.api.Test;

class UpdateStrategyTest {

  private final ValidatedPipeline running =
      TestPipelines.validate(TestPipelines.totals("orders", 4, 2));

  @Test
  void aChangedFilterExpressionRollsOneReplicaAtATime() {
    ValidatedPipeline update =
        TestPipelines.validate(TestPipelines.totals("orders", 4, 2, 2, "amount > 10"));

    assertThat(UpdateStrategy.between(running, update)).isEqualTo(UpdateStrategy.ROLLING);
  }

  @Test
  void changedReplicasRoll() {
    ValidatedPipeline update =
        TestPipelines.validate(TestPipelines.totals("orders", 4, 1, 3, "amount >= 0"));

    assertThat(UpdateStrategy.between(running, update)).isEqualTo(UpdateStrategy.ROLLING);
  }

  @Test
  void aChangedAggregationRecreatesTheWorkers() {
    String document =
        TestPipelines.totals("orders", 4, 2)
            .replace("sum: {fn: sum, of: amount}", "max: {fn: max, of: amount}");
    ValidatedPipeline update = TestPipelines.validate(document);

    assertThat(UpdateStrategy.between(running, update)).isEqualTo(UpdateStrategy.RECREATE);
  }

  @Test
  void anAddedSinkRecreatesTheWorkers() {
    String document =
        TestPipelines.totals("orders", 4, 2)
            .replace(
                "    - {name: copies, input: copies, topic: bank.orders-copies}",
                "    - {name: copies, input: copies, topic: bank.orders-copies}\n    - {name: more, input: copies, topic: bank.orders-more}");
    ValidatedPipeline update = TestPipelines.validate(document);

    assertThat(UpdateStrategy.between(running, update)).isEqualTo(UpdateStrategy.RECREATE);
  }

  @Test
  void fingerprintsOfTheShapesDecideAsTheShapesDo() {
    ValidatedPipeline filtered =
        TestPipelines.validate(TestPipelines.totals("orders", 4, 2, 2, "amount > 10"));
    ValidatedPipeline maxInsteadOfSum =
        TestPipelines.validate(
            TestPipelines.totals("orders", 4, 2)
                .replace("sum: {fn: sum, of: amount}", "max: {fn: max, of: amount}"));

    String runs = UpdateStrategy.fingerprint(running.spec());

    assertThat(UpdateStrategy.between(runs, UpdateStrategy.fingerprint(filtered.spec())))
        .isEqualTo(UpdateStrategy.ROLLING);
    assertThat(UpdateStrategy.between(runs, UpdateStrategy.fingerprint(maxInsteadOfSum.spec())))
        .isEqualTo(UpdateStrategy.RECREATE);
    assertThat(runs).hasSize(64);
  }

  @Test
  void aDocumentWrittenFromTheValidatedPipelineDescribesTheSamePipeline() throws Exception {
    String written = PipelineMapper.yaml().writeValueAsString(running.document());

    ValidatedPipeline reread = TestPipelines.validate(written);

    assertThat(reread.applicationId()).isEqualTo(running.applicationId());
    assertThat(UpdateStrategy.shape(reread.spec())).isEqualTo(UpdateStrategy.shape(running.spec()));
    assertThat(reread.spec().runtimeOrDefault()).isEqualTo(running.spec().runtimeOrDefault());
  }
}
