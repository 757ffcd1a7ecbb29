package dev.tributary.worker.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.worker.record.Projection;
import dev.tributary.worker.record.RecordSerde;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  private static final Projection.Layout LAYOUT =
      new Projection.Layout(STATE_TYPE.fields().keySet().toArray(String[]::new));

  private final RecordSerde json = new RecordSerde(STATE_TYPE);
  private final Serde<Map<String, Object>> serde = serdeOf(STATE_TYPE, AGGREGATIONS, json);

  /** The serde as the aggregate step makes it, for states that are projections over LAYOUT. */
  private final Serde<Map<String, Object>> layoutSerde =
      AggregateStateSerde.of(LAYOUT, AGGREGATIONS, json);

  /** The serde over a layout of the state type's own fields, for states given as maps. */
  private static Serde<Map<String, Object>> serdeOf(
      RecordType stateType, List<Aggregation> aggregations, RecordSerde json) {
    return AggregateStateSerde.of(
        new Projection.Layout(stateType.fields().keySet().toArray(String[]::new)),
        aggregations,
        json);
  }

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
    Serde<Map<String, Object>> anyGroup = serdeOf(type, AGGREGATIONS, new RecordSerde(type));
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

    assertThat(serdeOf(STATE_TYPE, collecting, json)).isSameAs(json);
  }

  /**
   * The format is fixed: a state, as a map or as a projection over the layout, is written as the
   * bytes the format describes, which the worker wrote before states were projections.
   */
  @Test
  void stateIsWrittenAsTheSameBytesWhetherAMapOrAProjectionOverTheLayout() {
    byte[] expected =
        binary(
            "machine",
            "m1 — hall ä",
            "n",
            3L,
            "total",
            40.5,
            "low",
            -0.25,
            "high",
            "zz",
            "mean",
            List.of(40.5, 3.0),
            "lastCode",
            null,
            "ok",
            true);

    assertThat(serde.serializer().serialize(TOPIC, state())).isEqualTo(expected);
    assertThat(layoutSerde.serializer().serialize(TOPIC, state())).isEqualTo(expected);
    assertThat(layoutSerde.serializer().serialize(TOPIC, projection(state()))).isEqualTo(expected);
  }

  @Test
  void projectionLackingTheLastFieldsIsWrittenAsTheMapOfTheFieldsItHas() {
    Map<String, Object> firstFields = new LinkedHashMap<>();
    firstFields.put("machine", "m1");
    firstFields.put("n", 2L);

    byte[] bytes = layoutSerde.serializer().serialize(TOPIC, projection(firstFields));

    assertThat(bytes)
        .isEqualTo(binary("machine", "m1", "n", 2L))
        .isEqualTo(serde.serializer().serialize(TOPIC, firstFields));
    assertThat(layoutSerde.serializer().serialize(TOPIC, projection(Map.of())))
        .isEqualTo(serde.serializer().serialize(TOPIC, Map.of()));
  }

  @Test
  void stateInTheLayoutsOrderIsReadIntoAProjectionOverTheLayout() {
    Map<String, Object> read =
        layoutSerde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, state()));

    assertThat(read).isInstanceOf(Projection.class).containsExactlyEntriesOf(state());
    assertThat(((Projection) read).layout()).isSameAs(LAYOUT);
    assertThat(read.get("n")).isInstanceOf(Long.class);
    assertThat(read.get("mean")).isEqualTo(List.of(40.5, 3.0));
  }

  /** The state of a pipeline before aggregates were added at the end. */
  @Test
  void stateOfTheLayoutsFirstFieldsIsReadWithTheOthersAbsent() {
    Map<String, Object> read =
        layoutSerde.deserializer().deserialize(TOPIC, binary("machine", "m1", "n", 2L));

    assertThat(read).isInstanceOf(Projection.class).hasSize(2);
    assertThat(new ArrayList<>(read.entrySet()))
        .containsExactly(Map.entry("machine", "m1"), Map.entry("n", 2L));
    assertThat(read.containsKey("total")).isFalse();
    assertThat(read.get("total")).isNull();
  }

  /**
   * A state written while the pipeline had other aggregates, or its fields in another order, is
   * read by name as ever, and written back in its own order.
   */
  @Test
  void stateWithOtherFieldsOrInAnotherOrderIsReadByName() {
    byte[] reordered = binary("n", 3L, "machine", "m1", "total", 40.5);
    byte[] otherFields = binary("machine", "m1", "gone", 7L, "n", 3L);
    byte[] moreFields =
        binary(
            "machine",
            "m1",
            "n",
            3L,
            "total",
            1.0,
            "low",
            1.0,
            "high",
            "a",
            "mean",
            null,
            "lastCode",
            null,
            "ok",
            null,
            "added",
            1L);

    for (byte[] bytes : List.of(reordered, otherFields, moreFields)) {
      Map<String, Object> read = layoutSerde.deserializer().deserialize(TOPIC, bytes);

      assertThat(read)
          .isNotInstanceOf(Projection.class)
          .containsExactlyEntriesOf(serde.deserializer().deserialize(TOPIC, bytes));
      assertThat(layoutSerde.serializer().serialize(TOPIC, read)).isEqualTo(bytes);
    }
    assertThat(
            new ArrayList<>(layoutSerde.deserializer().deserialize(TOPIC, otherFields).entrySet()))
        .containsExactly(Map.entry("machine", "m1"), Map.entry("gone", 7L), Map.entry("n", 3L));
  }

  @Test
  void jsonStateIsReadByTheLayoutsSerdeAsBefore() {
    byte[] old = json.serialize(TOPIC, state());

    assertThat(layoutSerde.deserializer().deserialize(TOPIC, old))
        .containsExactlyEntriesOf(state());
  }

  @Test
  void projectionWithAValueThatHasNoBinaryFormIsWrittenAsTheJsonOfItsMap() {
    Map<String, FieldType> fields = new LinkedHashMap<>(STATE_TYPE.fields());
    fields.put("machine", FieldType.ANY);
    RecordType type = new RecordType(fields);
    RecordSerde anyJson = new RecordSerde(type);
    Serde<Map<String, Object>> anyGroup = AggregateStateSerde.of(LAYOUT, AGGREGATIONS, anyJson);
    Map<String, Object> state = state();
    state.put("machine", Map.of("site", "s1"));

    byte[] bytes = anyGroup.serializer().serialize(TOPIC, projection(state));

    assertThat(bytes).isEqualTo(anyJson.serialize(TOPIC, state));
    assertThat(anyGroup.deserializer().deserialize(TOPIC, bytes)).isEqualTo(state);
  }

  @Test
  void truncatedStateInTheLayoutsOrderIsASerializationError() {
    byte[] bytes = serde.serializer().serialize(TOPIC, state());

    for (int length = 2; length < bytes.length; length += 5) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> layoutSerde.deserializer().deserialize(TOPIC, truncated))
          .isInstanceOf(SerializationException.class);
    }
  }

  /** A state over LAYOUT with the fields of {@code state}, the others absent. */
  private static Projection projection(Map<String, Object> state) {
    Object[] values = new Object[LAYOUT.size()];
    for (int slot = 0; slot < values.length; slot++) {
      String name = LAYOUT.name(slot);
      values[slot] = state.containsKey(name) ? state.get(name) : Projection.ABSENT;
    }
    return new Projection(LAYOUT, values);
  }

  /**
   * A state in the binary form (format 1) as docs/worker.md describes it, from names and values:
   * written here field by field, independently of the serde.
   */
  static byte[] binary(Object... namesAndValues) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeByte(namesAndValues.length / 2);
      for (int i = 0; i < namesAndValues.length; i += 2) {
        byte[] name = ((String) namesAndValues[i]).getBytes(StandardCharsets.UTF_8);
        out.writeByte(name.length);
        out.write(name);
        switch (namesAndValues[i + 1]) {
          case null -> out.writeByte(0);
          case Long l -> {
            out.writeByte(1);
            out.writeLong(l);
          }
          case Double d -> {
            out.writeByte(2);
            out.writeDouble(d);
          }
          case Boolean b -> out.writeByte(b ? 3 : 4);
          case String text -> {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeByte(5);
            out.writeInt(utf8.length);
            out.write(utf8);
          }
          case List<?> avg -> {
            out.writeByte(6);
            out.writeDouble((Double) avg.get(0));
            out.writeDouble((Double) avg.get(1));
          }
          default -> throw new IllegalArgumentException("no binary form: " + namesAndValues[i + 1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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
