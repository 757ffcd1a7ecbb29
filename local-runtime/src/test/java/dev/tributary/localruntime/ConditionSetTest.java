package dev.tributary.localruntime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.pipeline.crd.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionSetTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void transitionTimeChangesOnlyWithTheStatus() {
    ConditionSet conditions = new ConditionSet();
    conditions.set(Condition.READY, false, "WorkersNotReady", "0 of 2", T0);
    conditions.set(Condition.READY, false, "WorkersNotReady", "1 of 2", T0.plusSeconds(5));
    assertThat(conditions.get(Condition.READY).orElseThrow().lastTransitionTime()).isEqualTo(T0.toString());
    assertThat(conditions.get(Condition.READY).orElseThrow().message()).isEqualTo("1 of 2");

    conditions.set(Condition.READY, true, "WorkersReady", "2 of 2", T0.plusSeconds(9));
    assertThat(conditions.get(Condition.READY).orElseThrow().lastTransitionTime()).isEqualTo(T0.plusSeconds(9).toString());
  }

  @Test
  void conditionsAreListedReadyFirst() {
    ConditionSet conditions = new ConditionSet();
    conditions.set(Condition.SCALING, false, "Stable", "", T0);
    conditions.set(ConditionSet.REPLICA_FAILURE, false, "NoFailures", "", T0);
    conditions.set(Condition.READY, true, "WorkersReady", "", T0);
    conditions.set(Condition.VALID, true, "Validated", "", T0);

    assertThat(conditions.list()).extracting(Condition::type)
        .containsExactly(Condition.READY, Condition.VALID, ConditionSet.REPLICA_FAILURE, Condition.SCALING);
  }
}
