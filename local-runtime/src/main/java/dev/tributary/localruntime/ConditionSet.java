package dev.tributary.localruntime;

import dev.tributary.pipeline.crd.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline's conditions by type. Setting one keeps its {@code lastTransitionTime} unless its
 * status changes, as Kubernetes conventions ask. Not thread-safe; its pipeline synchronises.
 */
final class ConditionSet {

  /** Failure of a replica: True after a worker exited without being asked (reason WorkerCrashed). */
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private static final List<String> ORDER =
      List.of(Condition.READY, Condition.VALID, Condition.TOPICS_READY, REPLICA_FAILURE, Condition.SCALING);

  private final Map<String, Condition> byType = new LinkedHashMap<>();

  void set(String type, boolean status, String reason, String message, Instant now) {
    set(type, status ? "True" : "False", reason, message, now);
  }

  void set(String type, String status, String reason, String message, Instant now) {
    Condition old = byType.get(type);
    String since = old != null && old.status().equals(status) ? old.lastTransitionTime() : now.toString();
    byType.put(type, new Condition(type, status, reason, message, since, null));
  }

  Optional<Condition> get(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  boolean isFalse(String type) {
    return get(type).map(c -> "False".equals(c.status())).orElse(false);
  }

  List<Condition> list() {
    List<Condition> list = new ArrayList<>(byType.values());
    list.sort(Comparator.comparingInt(c -> ORDER.indexOf(c.type()) < 0 ? ORDER.size() : ORDER.indexOf(c.type())));
    return list;
  }
}
