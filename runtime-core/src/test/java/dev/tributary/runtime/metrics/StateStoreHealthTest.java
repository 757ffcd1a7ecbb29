package dev.tributary.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.runtime.status.StoreReport;
import dev.tributary.runtime.worker.WorkerState;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateStoreHealthTest {

  @Test
  void storesAreSummedOverReplicasWithTheWorstStatus() {
    WorkerState first =
        replica(
            new WorkerState.Store("totals.store", "key-value", 100, 4_000, "ready", 0, 0, 2, 0));
    WorkerState second =
        replica(
            new WorkerState.Store(
                "totals.store", "key-value", 50, 2_000, "restoring", 30, 90, 1, 0));

    List<StoreReport> stores = StateStoreHealth.across(List.of(first, second));

    assertThat(stores).hasSize(1);
    StoreReport store = stores.get(0);
    assertThat(store.approximateEntries()).isEqualTo(150);
    assertThat(store.sizeOnDiskBytes()).isEqualTo(6_000);
    assertThat(store.status()).isEqualTo("restoring");
    assertThat(store.remainingRecords()).isEqualTo(90);
    assertThat(store.restoreProgress()).isCloseTo(0.25, within(1e-9));
    assertThat(store.activeTasks()).isEqualTo(3);
    assertThat(store.replicas()).isEqualTo(2);
  }

  @Test
  void aStoreWithNothingToRestoreIsFullyRestored() {
    List<StoreReport> stores =
        StateStoreHealth.across(
            List.of(
                replica(new WorkerState.Store("a", "window", 1, 1, "ready", 0, 0, 1, 0)),
                replica(new WorkerState.Store("b", "key-value", 1, 1, "standby", 0, 0, 0, 1))));

    assertThat(stores)
        .extracting(StoreReport::name, StoreReport::status, StoreReport::restoreProgress)
        .containsExactly(tuple("a", "ready", 1.0), tuple("b", "standby", 1.0));
  }

  private static WorkerState replica(WorkerState.Store store) {
    return new WorkerState(
        "totals", "bank.totals", "RUNNING", List.of(), List.of(store), 0, null, null);
  }
}
