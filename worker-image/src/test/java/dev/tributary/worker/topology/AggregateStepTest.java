package dev.tributary.worker.topology;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

class AggregateStepTest {

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60_000;

  private static final String READINGS =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: sensors, team: t}
      spec:
        sources:
          - name: readings
            topic: t.readings
            key: {field: machine}
            fields: {machine: string, site: string, temp: double, code: string, ts: timestamp}
            eventTime: {field: ts}
      """;

  private static final String FIXED_WIDTH =
      """
      groupBy: {machine: machine}
      aggregates:
        n: {fn: count}
        total: {fn: sum, of: temp}
        low: {fn: min, of: temp}
        high: {fn: max, of: temp}
        mean: {fn: avg, of: temp}
        firstCode: {fn: first, of: code}
        lastCode: {fn: last, of: code}
      """;

  private static PipelineDriver pipeline(String aggregate) {
    return PipelineDriver.of(
        READINGS
            + ("""
               steps:
                 - name: stats
                   input: readings
                   aggregate:
               %s
               sinks:
                 - {name: out, input: stats, topic: t.stats}
               """
                    .formatted(aggregate.indent(6).stripTrailing()))
                .indent(2));
  }

  private static String reading(String machine, double temp, String code, long ts) {
    return "{\"machine\":\""
        + machine
        + "\",\"site\":\"s1\",\"temp\":"
        + temp
        + ",\"code\":\""
        + code
        + "\",\"ts\":"
        + ts
        + "}";
  }

  @Test
  void runningAggregateEmitsEveryChangePerGroup() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
              low: {fn: min, of: temp}
              high: {fn: max, of: temp}
              mean: {fn: avg, of: temp}
              firstCode: {fn: first, of: code}
              lastCode: {fn: last, of: code}
              codes: {fn: collect, of: code}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 10, "a", T0), 0)
          .pipe("t.readings", "m2", reading("m2", 1, "x", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 30, "b", T0 + SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .containsExactly(
              KeyValue.pair(
                  "m1",
                  "{\"machine\":\"m1\",\"n\":1,\"total\":10.0,\"low\":10.0,\"high\":10.0,"
                      + "\"mean\":10.0,\"firstCode\":\"a\",\"lastCode\":\"a\",\"codes\":[\"a\"]}"),
              KeyValue.pair(
                  "m2",
                  "{\"machine\":\"m2\",\"n\":1,\"total\":1.0,\"low\":1.0,\"high\":1.0,"
                      + "\"mean\":1.0,\"firstCode\":\"x\",\"lastCode\":\"x\",\"codes\":[\"x\"]}"),
              KeyValue.pair(
                  "m1",
                  "{\"machine\":\"m1\",\"n\":2,\"total\":40.0,\"low\":10.0,\"high\":30.0,"
                      + "\"mean\":20.0,\"firstCode\":\"a\",\"lastCode\":\"b\","
                      + "\"codes\":[\"a\",\"b\"]}"));
    }
  }

  @Test
  void fixedWidthAggregatesGiveTheSameResultsAsEver() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
              low: {fn: min, of: temp}
              high: {fn: max, of: temp}
              mean: {fn: avg, of: temp}
              firstCode: {fn: first, of: code}
              lastCode: {fn: last, of: code}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 10, "a", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 30, "b", T0 + SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", -5, "c", T0 + 2 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              "{\"machine\":\"m1\",\"n\":1,\"total\":10.0,\"low\":10.0,\"high\":10.0,"
                  + "\"mean\":10.0,\"firstCode\":\"a\",\"lastCode\":\"a\"}",
              "{\"machine\":\"m1\",\"n\":2,\"total\":40.0,\"low\":10.0,\"high\":30.0,"
                  + "\"mean\":20.0,\"firstCode\":\"a\",\"lastCode\":\"b\"}",
              "{\"machine\":\"m1\",\"n\":3,\"total\":35.0,\"low\":-5.0,\"high\":30.0,"
                  + "\"mean\":11.666666666666666,\"firstCode\":\"a\",\"lastCode\":\"c\"}");
    }
  }

  /**
   * An upgrade from a worker that kept aggregate states as JSON: the new worker restores the old
   * states from the changelog into its store as they were written, and must go on from them.
   */
  @Test
  void stateWrittenAsJsonByAnOlderWorkerIsUpdatedFromWhereItWas() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
              low: {fn: min, of: temp}
              high: {fn: max, of: temp}
              mean: {fn: avg, of: temp}
              firstCode: {fn: first, of: code}
              lastCode: {fn: last, of: code}
            """)) {
      // Byte for byte what the older worker's store held after m1 read 10 "a" and 30 "b": the
      // record timestamp, then the state as a JSON object.
      String oldState =
          "{\"machine\":\"m1\",\"n\":2,\"total\":40.0,\"low\":10.0,\"high\":30.0,"
              + "\"mean\":[40.0,2.0],\"firstCode\":\"a\",\"lastCode\":\"b\"}";
      restoreRaw(pipeline, "stats.store", "m1", T0 + SECOND, oldState);

      pipeline.pipe("t.readings", "m1", reading("m1", -5, "c", T0 + 2 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              "{\"machine\":\"m1\",\"n\":3,\"total\":35.0,\"low\":-5.0,\"high\":30.0,"
                  + "\"mean\":11.666666666666666,\"firstCode\":\"a\",\"lastCode\":\"c\"}");
    }
  }

  /** The state in the store is written as the bytes the binary form describes, as ever. */
  @Test
  void stateIsStoredAsTheSameBytesAsEver() {
    try (PipelineDriver pipeline = pipeline(FIXED_WIDTH)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 10, "a", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 30, "b", T0 + SECOND), 0);

      assertThat(stored(pipeline, "stats.store", "m1"))
          .isEqualTo(
              AggregateStateSerdeTest.binary(
                  "machine",
                  "m1",
                  "n",
                  2L,
                  "total",
                  40.0,
                  "low",
                  10.0,
                  "high",
                  30.0,
                  "mean",
                  List.of(40.0, 2.0),
                  "firstCode",
                  "a",
                  "lastCode",
                  "b"));
    }
  }

  /**
   * A binary state written while the pipeline had other aggregates, in another order: the
   * aggregates it still has go on from it by name, a new one starts, and the state keeps its own
   * order and the removed aggregate's field, as ever.
   */
  @Test
  void binaryStateWrittenWithOtherAggregatesIsUpdatedByName() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
              low: {fn: min, of: temp}
            """)) {
      restoreRaw(
          pipeline,
          "stats.store",
          "m1",
          T0 + SECOND,
          AggregateStateSerdeTest.binary("machine", "m1", "total", 40.0, "gone", 7L, "n", 2L));

      pipeline.pipe("t.readings", "m1", reading("m1", -5, "c", T0 + 2 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly("{\"machine\":\"m1\",\"n\":3,\"total\":35.0,\"low\":-5.0}");
      assertThat(stored(pipeline, "stats.store", "m1"))
          .isEqualTo(
              AggregateStateSerdeTest.binary(
                  "machine", "m1", "total", 35.0, "gone", 7L, "n", 3L, "low", -5.0));
    }
  }

  /** The state of a pipeline before an aggregate was added at the end goes on from where it was. */
  @Test
  void binaryStateWrittenBeforeAnAggregateWasAddedIsUpdated() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
            """)) {
      restoreRaw(
          pipeline,
          "stats.store",
          "m1",
          T0 + SECOND,
          AggregateStateSerdeTest.binary("machine", "m1", "n", 2L));

      pipeline.pipe("t.readings", "m1", reading("m1", -5, "c", T0 + 2 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly("{\"machine\":\"m1\",\"n\":3,\"total\":-5.0}");
      assertThat(stored(pipeline, "stats.store", "m1"))
          .isEqualTo(AggregateStateSerdeTest.binary("machine", "m1", "n", 3L, "total", -5.0));
    }
  }

  /** A JSON state of an older worker with its fields in another order is updated by name. */
  @Test
  void jsonStateInAnotherOrderIsUpdatedByName() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
            """)) {
      restoreRaw(
          pipeline,
          "stats.store",
          "m1",
          T0 + SECOND,
          "{\"total\":40.0,\"n\":2,\"machine\":\"m1\"}");

      pipeline.pipe("t.readings", "m1", reading("m1", -5, "c", T0 + 2 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly("{\"machine\":\"m1\",\"n\":3,\"total\":35.0}");
      assertThat(stored(pipeline, "stats.store", "m1"))
          .isEqualTo(AggregateStateSerdeTest.binary("total", 35.0, "n", 3L, "machine", "m1"));
    }
  }

  /** Puts a value into the innermost (RocksDB) store, bypassing the serdes, as a restore does. */
  private static void restoreRaw(
      PipelineDriver pipeline, String store, String key, long timestamp, String json) {
    restoreRaw(pipeline, store, key, timestamp, json.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static void restoreRaw(
      PipelineDriver pipeline, String store, String key, long timestamp, byte[] value) {
    byte[] timestamped =
        ByteBuffer.allocate(Long.BYTES + value.length).putLong(timestamp).put(value).array();
    ((KeyValueStore<Bytes, byte[]>) innermost(pipeline, store))
        .put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), timestamped);
  }

  /** The state of a key in the innermost store, without the timestamp in front of it. */
  @SuppressWarnings("unchecked")
  private static byte[] stored(PipelineDriver pipeline, String store, String key) {
    byte[] timestamped =
        ((KeyValueStore<Bytes, byte[]>) innermost(pipeline, store))
            .get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
    return Arrays.copyOfRange(timestamped, Long.BYTES, timestamped.length);
  }

  private static StateStore innermost(PipelineDriver pipeline, String store) {
    StateStore inner = pipeline.driver().getAllStateStores().get(store);
    while (inner instanceof WrappedStateStore<?, ?, ?> wrapped) {
      inner = wrapped.wrapped();
    }
    return inner;
  }

  @Test
  void nullInputsAreSkippedAndCountCountsRecords() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
              mean: {fn: avg, of: temp}
              lastCode: {fn: last, of: code}
            """)) {
      pipeline
          .pipe("t.readings", "m1", "{\"machine\":\"m1\",\"temp\":null,\"code\":null}", 0)
          .pipe("t.readings", "m1", "{\"machine\":\"m1\",\"temp\":4,\"code\":\"a\"}", 0)
          .pipe("t.readings", "m1", "{\"machine\":\"m1\",\"temp\":null,\"code\":null}", 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              "{\"machine\":\"m1\",\"n\":1,\"total\":0.0,\"mean\":null,\"lastCode\":null}",
              "{\"machine\":\"m1\",\"n\":2,\"total\":4.0,\"mean\":4.0,\"lastCode\":\"a\"}",
              "{\"machine\":\"m1\",\"n\":3,\"total\":4.0,\"mean\":4.0,\"lastCode\":\"a\"}");
    }
  }

  @Test
  void withoutGroupByRecordsAreGroupedByTheirKey() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0), 0);

      assertThat(pipeline.read("t.stats"))
          .containsExactly(
              KeyValue.pair("m1", "{\"key\":\"m1\",\"n\":1}"),
              KeyValue.pair("m1", "{\"key\":\"m1\",\"n\":2}"));
    }
  }

  @Test
  void groupingBySeveralValuesKeysGroupsByAJsonObject() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {site: site, hot: temp > 50.0}
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 60, "a", T0), 0)
          .pipe("t.readings", "m2", reading("m2", 70, "a", T0), 0);

      assertThat(pipeline.read("t.stats"))
          .containsExactly(
              KeyValue.pair(
                  "{\"site\":\"s1\",\"hot\":true}", "{\"site\":\"s1\",\"hot\":true,\"n\":1}"),
              KeyValue.pair(
                  "{\"site\":\"s1\",\"hot\":true}", "{\"site\":\"s1\",\"hot\":true,\"n\":2}"));
    }
  }

  @Test
  void tumblingWindowWithEmitFinalWritesOneResultOnceTheWindowCloses() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: tumbling, size: 1m, grace: 10s}
            emit: final
            aggregates:
              n: {fn: count}
              high: {fn: max, of: temp}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 10, "a", T0 + 5 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 30, "a", T0 + 50 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 20, "a", T0 + 65 * SECOND), 0);
      assertThat(pipeline.read("t.stats")).isEmpty();

      pipeline.pipe("t.readings", "m1", reading("m1", 20, "a", T0 + 70 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .containsExactly(
              KeyValue.pair(
                  "m1",
                  "{\"machine\":\"m1\",\"n\":2,\"high\":30.0,\"windowStart\":"
                      + T0
                      + ",\"windowEnd\":"
                      + (T0 + MINUTE)
                      + "}"));
    }
  }

  @Test
  void tumblingWindowWithEmitChangesWritesEveryUpdate() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: tumbling, size: 1m, grace: 10s}
            emit: changes
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 10, "a", T0 + 5 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 30, "a", T0 + 50 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 20, "a", T0 + 65 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              window(1, T0, T0 + MINUTE),
              window(2, T0, T0 + MINUTE),
              window(1, T0 + MINUTE, T0 + 2 * MINUTE));
    }
  }

  @Test
  void latePastGraceIsDropped() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: tumbling, size: 1m, grace: 10s}
            emit: changes
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 5 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 69 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 30 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 70 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 40 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              window(1, T0, T0 + MINUTE),
              window(1, T0 + MINUTE, T0 + 2 * MINUTE),
              window(2, T0, T0 + MINUTE),
              window(2, T0 + MINUTE, T0 + 2 * MINUTE));
    }
  }

  @Test
  void latePastGraceDoesNotChangeAFinalResult() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: tumbling, size: 1m, grace: 10s}
            emit: final
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 5 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 70 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 30 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 200 * SECOND), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(window(1, T0, T0 + MINUTE), window(1, T0 + MINUTE, T0 + 2 * MINUTE));
    }
  }

  @Test
  void hoppingWindowsCountARecordInEveryWindowItFallsIn() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: hopping, size: 10m, advance: 5m, grace: 0s}
            emit: changes
            aggregates:
              n: {fn: count}
            """)) {
      pipeline.pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 7 * MINUTE), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              window(1, T0, T0 + 10 * MINUTE), window(1, T0 + 5 * MINUTE, T0 + 15 * MINUTE));
    }
  }

  @Test
  void slidingWindowsCoverRecordsAtMostSizeApart() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: sliding, size: 5m, grace: 30s}
            emit: final
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 3 * MINUTE), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 20 * MINUTE), 0);

      // Each record ends a window; the window just after the first record holds the second.
      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(
              window(1, T0 - 5 * MINUTE, T0),
              window(2, T0 - 2 * MINUTE, T0 + 3 * MINUTE),
              window(1, T0 + 1, T0 + 5 * MINUTE + 1));
    }
  }

  @Test
  void sessionWindowsMergeRecordsCloserThanTheGap() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: session, gap: 5m, grace: 5m}
            emit: final
            aggregates:
              n: {fn: count}
              codes: {fn: collect, of: code}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "c", T0 + 8 * MINUTE), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "b", T0 + 4 * MINUTE), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "d", T0 + 30 * MINUTE), 0);

      assertThat(pipeline.read("t.stats"))
          .containsExactly(
              KeyValue.pair(
                  "m1",
                  "{\"machine\":\"m1\",\"n\":3,\"codes\":[\"a\",\"c\",\"b\"],\"windowStart\":"
                      + T0
                      + ",\"windowEnd\":"
                      + (T0 + 8 * MINUTE)
                      + "}"));
    }
  }

  /** Sessions merged by a record between them: binary states, merged earlier before later. */
  @Test
  void sessionWindowsMergeBinaryStates() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: session, gap: 5m, grace: 5m}
            emit: final
            aggregates:
              n: {fn: count}
              total: {fn: sum, of: temp}
              low: {fn: min, of: temp}
              firstCode: {fn: first, of: code}
              lastCode: {fn: last, of: code}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 10, "a", T0), 0)
          .pipe("t.readings", "m1", reading("m1", 20, "c", T0 + 8 * MINUTE), 0)
          .pipe("t.readings", "m1", reading("m1", 5, "b", T0 + 4 * MINUTE), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "d", T0 + 30 * MINUTE), 0);

      assertThat(pipeline.read("t.stats"))
          .containsExactly(
              KeyValue.pair(
                  "m1",
                  "{\"machine\":\"m1\",\"n\":3,\"total\":35.0,\"low\":5.0,"
                      + "\"firstCode\":\"a\",\"lastCode\":\"b\",\"windowStart\":"
                      + T0
                      + ",\"windowEnd\":"
                      + (T0 + 8 * MINUTE)
                      + "}"));
    }
  }

  @Test
  void finalResultIsWrittenEvenWhenStreamTimeJumpsFarAhead() {
    try (PipelineDriver pipeline =
        pipeline(
            """
            groupBy: {machine: machine}
            window: {type: tumbling, size: 1m, grace: 10s}
            aggregates:
              n: {fn: count}
            """)) {
      pipeline
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 5 * SECOND), 0)
          .pipe("t.readings", "m1", reading("m1", 1, "a", T0 + 60 * MINUTE), 0);

      assertThat(pipeline.read("t.stats"))
          .extracting(kv -> kv.value)
          .containsExactly(window(1, T0, T0 + MINUTE));
    }
  }

  private static String window(long n, long start, long end) {
    return "{\"machine\":\"m1\",\"n\":"
        + n
        + ",\"windowStart\":"
        + start
        + ",\"windowEnd\":"
        + end
        + "}";
  }
}
