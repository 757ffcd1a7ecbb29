package dev.tributary.runtime.condition;

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
public final class ConditionSet {

  private static final List<String> ORDER =
      List.of(
          Condition.READY,
          Condition.VALID,
          Condition.TOPICS_READY,
          Condition.REPLICA_FAILURE,
          Condition.SCALING);

  private final Map<String, Condition> byType = new LinkedHashMap<>();

  /**
   * A set that goes on from conditions observed before — a custom resource's status — so that
   * setting one again keeps its {@code lastTransitionTime} unless its status changes.
   */
  public static ConditionSet from(List<Condition> observed) {
    ConditionSet conditions = new ConditionSet();
    if (observed != null) {
      observed.forEach(c -> conditions.byType.put(c.type(), c));
    }
    return conditions;
  }

  public void set(
      String type, boolean status, ConditionReason reason, String message, Instant now) {
    set(type, status ? "True" : "False", reason, message, now);
  }

  public void set(String type, String status, ConditionReason reason, String message, Instant now) {
    Condition old = byType.get(type);
    String since =
        old != null && old.status().equals(status) ? old.lastTransitionTime() : now.toString();
    byType.put(type, new Condition(type, status, reason.wire(), message, since, null));
  }

  public Optional<Condition> get(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public boolean isFalse(String type) {
    return get(type).map(c -> "False".equals(c.status())).orElse(false);
  }

  public List<Condition> list() {
    List<Condition> list = new ArrayList<>(byType.values());
    list.sort(
        Comparator.comparingInt(
            c -> ORDER.indexOf(c.type()) < 0 ? ORDER.size() : ORDER.indexOf(c.type())));
    return list;
  }
}
