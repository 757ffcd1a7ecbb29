package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import org.junit.jupiter.api.Test;

/** Windows follow the event-time field of a source, and the record timestamp without one. */
class EventTimeTest {

  private static final long MINUTE = 60_000;

  private static final String CLICKS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: clicks, team: t}
      spec:
        sources:
          - name: clicks
            topic: t.clicks
            key: {field: user}
            fields: {user: string, at: timestamp}
            %s
        steps:
          - name: per-minute
            input: clicks
            aggregate:
              window: {type: tumbling, size: 1m, grace: 0s}
              emit: changes
              aggregates: {n: {fn: count}}
        sinks:
          - {name: out, input: per-minute, topic: t.per-minute}
      """;

  private static String windowStarts(PipelineDriver pipeline) {
    return pipeline.read("t.per-minute").stream()
        .map(kv -> kv.value.replaceAll(".*\"windowStart\":(\\d+).*", "$1"))
        .reduce((a, b) -> a + "," + b)
        .orElse("");
  }

  @Test
  void eventTimeFieldPlacesRecordsInTheirWindows() {
    try (PipelineDriver pipeline = PipelineDriver.of(CLICKS.formatted("eventTime: {field: at}"))) {
      pipeline
          .pipe("t.clicks", "u1", "{\"user\":\"u1\",\"at\":\"2024-05-01T12:00:30Z\"}", 0)
          .pipe("t.clicks", "u1", "{\"user\":\"u1\",\"at\":" + (T0 + 2 * MINUTE) + "}", 0);

      assertThat(windowStarts(pipeline)).isEqualTo(T0 + "," + (T0 + 2 * MINUTE));
    }
  }

  @Test
  void withoutEventTimeFieldTheRecordTimestampCounts() {
    try (PipelineDriver pipeline = PipelineDriver.of(CLICKS.formatted(""))) {
      pipeline.pipe("t.clicks", "u1", "{\"user\":\"u1\",\"at\":" + (T0 + 2 * MINUTE) + "}", T0);

      assertThat(windowStarts(pipeline)).isEqualTo(Long.toString(T0));
    }
  }

  @Test
  void unreadableEventTimeFallsBackToTheRecordTimestampAndIsDeadLettered() {
    try (PipelineDriver pipeline = PipelineDriver.of(CLICKS.formatted("eventTime: {field: at}"))) {
      pipeline.pipe("t.clicks", "u1", "{\"user\":\"u1\",\"at\":\"yesterday\"}", T0);

      assertThat(windowStarts(pipeline)).isEmpty();
      assertThat(pipeline.readDeadLetters())
          .singleElement()
          .satisfies(dead -> assertThat(dead.timestamp()).isEqualTo(T0));
    }
  }
}
