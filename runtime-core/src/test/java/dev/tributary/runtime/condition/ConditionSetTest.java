package dev.tributary.runtime.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.crd.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionSetTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void transitionTimeChangesOnlyWithTheStatus() {
    ConditionSet conditions = new ConditionSet();
    conditions.set(Condition.READY, false, ConditionReason.WORKERS_NOT_READY, "0 of 2", T0);
    conditions.set(
        Condition.READY, false, ConditionReason.WORKERS_NOT_READY, "1 of 2", T0.plusSeconds(5));
    assertThat(conditions.get(Condition.READY).orElseThrow().lastTransitionTime())
        .isEqualTo(T0.toString());
    assertThat(conditions.get(Condition.READY).orElseThrow().message()).isEqualTo("1 of 2");

    conditions.set(
        Condition.READY, true, ConditionReason.WORKERS_READY, "2 of 2", T0.plusSeconds(9));
    assertThat(conditions.get(Condition.READY).orElseThrow().lastTransitionTime())
        .isEqualTo(T0.plusSeconds(9).toString());
  }

  @Test
  void aSetMadeFromObservedConditionsKeepsTheirTransitionTimes() {
    ConditionSet before = new ConditionSet();
    before.set(Condition.READY, true, ConditionReason.WORKERS_READY, "2 of 2", T0);

    ConditionSet after = ConditionSet.from(before.list());
    after.set(Condition.READY, true, ConditionReason.WORKERS_READY, "2 of 2", T0.plusSeconds(30));

    assertThat(after.list()).isEqualTo(before.list());
  }

  @Test
  void conditionsAreListedReadyFirst() {
    ConditionSet conditions = new ConditionSet();
    conditions.set(Condition.SCALING, false, ConditionReason.STABLE, "", T0);
    conditions.set(Condition.REPLICA_FAILURE, false, ConditionReason.NO_FAILURES, "", T0);
    conditions.set(Condition.READY, true, ConditionReason.WORKERS_READY, "", T0);
    conditions.set(Condition.VALID, true, ConditionReason.VALIDATED, "", T0);

    assertThat(conditions.list())
        .extracting(Condition::type)
        .containsExactly(
            Condition.READY, Condition.VALID, Condition.REPLICA_FAILURE, Condition.SCALING);
  }
}
