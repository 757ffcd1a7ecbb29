package dev.tributary.operator.pipeline;

import dev.tributary.pipeline.crd.Condition;
import dev.tributary.pipeline.crd.PipelinePhase;
import dev.tributary.pipeline.crd.PipelineStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Kubernetes Event (core/v1, what {@code kubectl describe} and {@code kubectl events} show) on
 * the pipeline for every change of phase and every condition that changes status or reason: the
 * reason is the condition's reason (or the new phase), the message its message. Conditions that
 * mean trouble ({@code Valid}, {@code TopicsReady} or {@code Ready} false for a failure, {@code
 * ReplicaFailure} true) are {@code Warning}s. They are written by the {@link EventRecorder}, off
 * the reconciliation's thread.
 */
final class StatusEvents {

  static final String COMPONENT = "tributary-operator";
  private static final Set<String> QUIET_READY_REASONS =
      Set.of("Paused", "NoReplicas", "RollingUpdate", "WorkersNotReady");

  private StatusEvents() {}

  /** A transition: the Event's reason, message and type. */
  record Transition(String reason, String message, boolean warning) {}

  static List<Transition> between(PipelineStatus before, PipelineStatus after) {
    List<Transition> transitions = new ArrayList<>();
    PipelinePhase phaseBefore = before == null ? null : before.phase();
    if (after.phase() != null && phaseBefore != after.phase()) {
      transitions.add(
          new Transition(
              phaseName(after.phase()),
              "phase "
                  + (phaseBefore == null ? "none" : phaseName(phaseBefore))
                  + " -> "
                  + phaseName(after.phase()),
              after.phase() == PipelinePhase.FAILED || after.phase() == PipelinePhase.DEGRADED));
    }
    Map<String, Condition> old =
        before == null || before.conditions() == null
            ? Map.of()
            : before.conditions().stream()
                .collect(Collectors.toMap(Condition::type, Function.identity(), (a, b) -> b));
    for (Condition condition :
        after.conditions() == null ? List.<Condition>of() : after.conditions()) {
      Condition was = old.get(condition.type());
      if (was != null
          && Objects.equals(was.status(), condition.status())
          && Objects.equals(was.reason(), condition.reason())) {
        continue;
      }
      transitions.add(
          new Transition(
              condition.reason(),
              condition.type() + "=" + condition.status() + ": " + condition.message(),
              warning(condition)));
    }
    return transitions;
  }

  /** The Events of these transitions, for the {@link EventRecorder} to write. */
  static List<Event> events(PipelineResource pipeline, List<Transition> transitions, Instant now) {
    List<Event> events = new ArrayList<>(transitions.size());
    for (Transition transition : transitions) {
      events.add(
          new EventBuilder()
              .withNewMetadata()
              .withNamespace(pipeline.getMetadata().getNamespace())
              .withName(
                  pipeline.getMetadata().getName()
                      + "."
                      + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
              .endMetadata()
              .withInvolvedObject(
                  new ObjectReferenceBuilder()
                      .withApiVersion(pipeline.getApiVersion())
                      .withKind(pipeline.getKind())
                      .withNamespace(pipeline.getMetadata().getNamespace())
                      .withName(pipeline.getMetadata().getName())
                      .withUid(pipeline.getMetadata().getUid())
                      .withResourceVersion(pipeline.getMetadata().getResourceVersion())
                      .build())
              .withReason(transition.reason())
              .withMessage(truncate(transition.message()))
              .withType(transition.warning() ? "Warning" : "Normal")
              .withCount(1)
              .withFirstTimestamp(DateTimeFormatter.ISO_INSTANT.format(now))
              .withLastTimestamp(DateTimeFormatter.ISO_INSTANT.format(now))
              .withNewSource()
              .withComponent(COMPONENT)
              .endSource()
              .withReportingComponent(COMPONENT)
              .withReportingInstance(COMPONENT)
              .build());
    }
    return events;
  }

  private static boolean warning(Condition condition) {
    boolean healthy = "True".equals(condition.status());
    return switch (condition.type()) {
      case Condition.REPLICA_FAILURE -> healthy;
      case Condition.SCALING -> false;
      case Condition.READY -> !healthy && !QUIET_READY_REASONS.contains(condition.reason());
      default -> !healthy;
    };
  }

  private static String phaseName(PipelinePhase phase) {
    return phase.value();
  }

  /** The API server refuses an event message over 1 KiB. */
  private static String truncate(String message) {
    return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
  }
}
