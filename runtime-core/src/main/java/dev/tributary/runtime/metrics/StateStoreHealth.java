package dev.tributary.runtime.metrics;

import dev.tributary.runtime.status.StoreReport;
import dev.tributary.runtime.worker.WorkerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A pipeline's state stores as its replicas report them, summed into one line per store. */
public final class StateStoreHealth {

  private static final List<String> WORST_FIRST = List.of("restoring", "standby", "ready");

  private StateStoreHealth() {}

  public static List<StoreReport> across(List<WorkerState> replicas) {
    Map<String, List<WorkerState.Store>> byName = new TreeMap<>();
    for (WorkerState replica : replicas) {
      for (WorkerState.Store store : replica.stores()) {
        byName.computeIfAbsent(store.name(), n -> new ArrayList<>()).add(store);
      }
    }
    List<StoreReport> reports = new ArrayList<>();
    byName.forEach((name, copies) -> reports.add(sum(name, copies)));
    return reports;
  }

  private static StoreReport sum(String name, List<WorkerState.Store> copies) {
    long entries = 0, bytes = 0, restored = 0, remaining = 0;
    int active = 0, standby = 0;
    String status = null;
    for (WorkerState.Store copy : copies) {
      entries += copy.approximateEntries();
      bytes += copy.sizeOnDiskBytes();
      restored += copy.restoredRecords();
      remaining += copy.remainingRecords();
      active += copy.activeTasks();
      standby += copy.standbyTasks();
      status = worse(status, copy.status());
    }
    double progress = restored + remaining == 0 ? 1.0 : restored / (double) (restored + remaining);
    return new StoreReport(
        name,
        copies.get(0).kind(),
        entries,
        bytes,
        status,
        restored,
        remaining,
        progress,
        active,
        standby,
        copies.size());
  }

  private static String worse(String a, String b) {
    if (a == null) {
      return b;
    }
    int rankA = WORST_FIRST.indexOf(a);
    int rankB = WORST_FIRST.indexOf(b);
    // A status the worker adds later ranks worst: better to look twice than to miss it.
    if (rankB < 0) {
      return b;
    }
    return rankA >= 0 && rankA <= rankB ? a : b;
  }
}
