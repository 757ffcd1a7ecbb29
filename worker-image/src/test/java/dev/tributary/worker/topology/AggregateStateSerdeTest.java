package dev.tributary.worker.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.worker.record.RecordSerde;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AggregateStateSerdeTest {

  private static final String TOPIC = "app-stats.store-changelog";

  private static final RecordType STATE_TYPE =
      new RecordType(
          fields(
              "machine", FieldType.STRING,
              "n", FieldType.INT,
              "total", FieldType.DOUBLE,
              "low", FieldType.DOUBLE,
              "high", FieldType.STRING,
              "mean", FieldType.parse("list<double>").orElseThrow(),
              "lastCode", FieldType.STRING,
              "ok", FieldType.BOOL));

  private static final List<Aggregation> AGGREGATIONS =
      List.of(
          new Aggregation("n", AggregateFunction.COUNT, null),
          new Aggregation("total", AggregateFunction.SUM, null));

  private final RecordSerde json = new RecordSerde(STATE_TYPE);
  private final Serde<Map<String, Object>> serde =
      AggregateStateSerde.of(STATE_TYPE, AGGREGATIONS, json);

  @Test
  void stateIsWrittenInTheBinaryFormAndReadBackUnchanged() {
    Map<String, Object> state = state();

    byte[] bytes = serde.serializer().serialize(TOPIC, state);

    assertThat(bytes[0]).isEqualTo(AggregateStateSerde.FORMAT_VERSION);
    Map<String, Object> read = serde.deserializer().deserialize(TOPIC, bytes);
    assertThat(read).containsExactlyEntriesOf(state);
    assertThat(read.get("n")).isInstanceOf(Long.class);
    assertThat(read.get("total")).isInstanceOf(Double.class);
  }

  @Test
  void jsonStateOfAnOlderWorkerIsReadAsBefore() {
    // What an older worker wrote to the store and its changelog: the state as a JSON object.
    byte[] old = json.serialize(TOPIC, state());
    assertThat(new String(old, StandardCharsets.UTF_8)).startsWith("{\"machine\":\"m1");

    Map<String, Object> read = serde.deserializer().deserialize(TOPIC, old);

    assertThat(read).containsExactlyEntriesOf(json.deserialize(TOPIC, old));
    assertThat(read).containsExactlyEntriesOf(state());
  }

  @Test
  void stateWithAValueThatHasNoBinaryFormIsWrittenAsJson() {
    Map<String, FieldType> fields = new LinkedHashMap<>(STATE_TYPE.fields());
    fields.put("machine", FieldType.ANY);
    RecordType type = new RecordType(fields);
    Serde<Map<String, Object>> anyGroup =
        AggregateStateSerde.of(type, AGGREGATIONS, new RecordSerde(type));
    Map<String, Object> state = state();
    state.put("machine", Map.of("site", "s1", "line", 2L));

    byte[] bytes = anyGroup.serializer().serialize(TOPIC, state);

    assertThat((char) bytes[0]).isEqualTo('{');
    assertThat(anyGroup.deserializer().deserialize(TOPIC, bytes)).isEqualTo(state);
  }

  @Test
  void emptyStateAndTombstoneRoundTrip() {
    assertThat(
            serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, Map.of())))
        .isEmpty();
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void truncatedBinaryStateIsASerializationError() {
    byte[] bytes = serde.serializer().serialize(TOPIC, state());

    assertThatThrownBy(
            () -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void collectKeepsTheJsonState() {
    List<Aggregation> collecting =
        List.of(
            new Aggregation("n", AggregateFunction.COUNT, null),
            new Aggregation("codes", AggregateFunction.COLLECT, null));

    assertThat(AggregateStateSerde.of(STATE_TYPE, collecting, json)).isSameAs(json);
  }

  private static Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("machine", "m1 — hall ä");
    state.put("n", 3L);
    state.put("total", 40.5);
    state.put("low", -0.25);
    state.put("high", "zz");
    state.put("mean", List.of(40.5, 3.0));
    state.put("lastCode", null);
    state.put("ok", true);
    return state;
  }

  private static Map<String, FieldType> fields(Object... namesAndTypes) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put((String) namesAndTypes[i], (FieldType) namesAndTypes[i + 1]);
    }
    return fields;
  }
}
