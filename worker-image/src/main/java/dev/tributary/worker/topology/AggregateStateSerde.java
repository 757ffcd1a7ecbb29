package dev.tributary.worker.topology;

import dev.tributary.pipeline.spec.AggregateFunction;
import dev.tributary.worker.record.Projection;
import dev.tributary.worker.record.RecordSerde;
import dev.tributary.worker.record.SelfSerde;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serde of an aggregate's state (group values and the state of each aggregate) in its store
 * and changelog: a compact binary form instead of a JSON object, because every update of a group
 * reads and rewrites its state, and parsing and writing JSON there was the worker's largest extra
 * cost on windowed aggregates.
 *
 * <p>The binary form (format 1): the format byte {@value #FORMAT_VERSION}, the number of fields
 * (unsigned byte), then per field, in the state's order: the length of its name in UTF-8
 * (unsigned byte), the name, a tag, and the value — nothing for null, true and false (the tag
 * says it), 8 bytes for an integer or a double, two doubles for the (sum, count) state of {@code avg}, a 4-byte length and UTF-8 for a
 * string. A state with a value of any other kind (a list or map group value, say) is written as
 * JSON, as every state was before, and a state with {@code collect} always is.
 *
 * <p>Reading tells the two apart by the first byte — a JSON object starts with {@code '{'} or
 * white space, never with {@value #FORMAT_VERSION} — so that a worker of this version restores
 * the JSON states an older worker wrote to the changelog. An older worker cannot read the binary
 * form: rolling back after this version has written states is not supported (docs/worker.md).
 *
 * <p>The aggregate step keeps its states as {@link Projection}s over the state layout (group
 * fields, then each aggregate), and this serde writes those slot by slot and reads a binary state
 * whose names are the layout's, in its order, into one — the names are still written and checked,
 * so the bytes are the same as for a map of the same fields in the same order. A state of other
 * fields or in another order (written before the pipeline's aggregates changed) is read by name
 * into a map, and any map is written by its entries.
 */
final class AggregateStateSerde implements SelfSerde<Map<String, Object>> {

  static final byte FORMAT_VERSION = 1;

  private static final byte NULL = 0;
  private static final byte LONG = 1;
  private static final byte DOUBLE = 2;
  private static final byte TRUE = 3;
  private static final byte FALSE = 4;
  private static final byte STRING = 5;
  private static final byte DOUBLE_PAIR = 6;

  private static final int MAX_FIELDS = 255;
  private static final int MAX_NAME_BYTES = 255;

  private final RecordSerde json;

  /** The state layout: the step's states are projections over it. */
  private final Projection.Layout layout;

  private final String[] names;
  private final byte[][] nameBytes;

  private AggregateStateSerde(Projection.Layout layout, RecordSerde json) {
    this.json = json;
    this.layout = layout;
    this.names = new String[layout.size()];
    this.nameBytes = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      names[i] = layout.name(i);
      nameBytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * The binary serde for states of these aggregations, or JSON when one of them collects.
   *
   * @param layout the names of the state's fields, group fields then aggregates; states that are
   *     projections over it are written and read by slot
   */
  static Serde<Map<String, Object>> of(
      Projection.Layout layout, List<Aggregation> aggregations, RecordSerde json) {
    boolean collects = aggregations.stream().anyMatch(a -> a.fn() == AggregateFunction.COLLECT);
    return collects ? json : new AggregateStateSerde(layout, json);
  }

  @Override
  public byte[] serialize(String topic, Map<String, Object> state) {
    if (state == null) {
      return null;
    }
    byte[] binary =
        state instanceof Projection projection && projection.layout() == layout
            ? binary(projection)
            : binary(state);
    return binary != null ? binary : json.serialize(topic, state);
  }

  @Override
  public Map<String, Object> deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length == 0 || bytes[0] != FORMAT_VERSION) {
      return json.deserialize(topic, bytes);
    }
    try {
      Projection state = readInLayout(bytes);
      return state != null ? state : readByName(bytes);
    } catch (IndexOutOfBoundsException e) {
      throw new SerializationException("an aggregate state on " + topic + " is truncated");
    }
  }

  /**
   * The binary form of a state over the layout, or null when a value has no binary form: its
   * present fields in the layout's order, the bytes {@link #binary(Map)} gives for a map of them.
   */
  private byte[] binary(Projection state) {
    int fields = 0;
    for (int slot = 0; slot < names.length; slot++) {
      if (state.slot(slot) != Projection.ABSENT) {
        fields++;
      }
    }
    if (fields > MAX_FIELDS) {
      return null;
    }
    Output out = new Output();
    out.writeByte(FORMAT_VERSION);
    out.writeByte(fields);
    for (int slot = 0; slot < names.length; slot++) {
      Object value = state.slot(slot);
      if (value == Projection.ABSENT) {
        continue;
      }
      if (!writeName(out, nameBytes[slot]) || !write(out, value)) {
        return null;
      }
    }
    return out.toByteArray();
  }

  /** The binary form of any map, or null when a value has no binary form. */
  private byte[] binary(Map<String, Object> state) {
    if (state.size() > MAX_FIELDS) {
      return null;
    }
    Output out = new Output();
    out.writeByte(FORMAT_VERSION);
    out.writeByte(state.size());
    int position = 0;
    for (Map.Entry<String, Object> field : state.entrySet()) {
      if (!writeName(out, nameBytes(field.getKey(), position++)) || !write(out, field.getValue())) {
        return null;
      }
    }
    return out.toByteArray();
  }

  /** Writes a field's name; false when it is too long for the binary form. */
  private static boolean writeName(Output out, byte[] name) {
    if (name.length > MAX_NAME_BYTES) {
      return false;
    }
    out.writeByte(name.length);
    out.writeBytes(name);
    return true;
  }

  private static boolean write(Output out, Object value) {
    switch (value) {
      case null -> out.writeByte(NULL);
      case Long l -> {
        out.writeByte(LONG);
        out.writeLong(l);
      }
      case Double d -> {
        out.writeByte(DOUBLE);
        out.writeLong(Double.doubleToRawLongBits(d));
      }
      case Boolean b -> out.writeByte(b ? TRUE : FALSE);
      case String s -> {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(STRING);
        out.writeInt(utf8.length);
        out.writeBytes(utf8);
      }
      case List<?> pair
          when pair.size() == 2
              && pair.get(0) instanceof Double sum
              && pair.get(1) instanceof Double count -> {
        out.writeByte(DOUBLE_PAIR);
        out.writeLong(Double.doubleToRawLongBits(sum));
        out.writeLong(Double.doubleToRawLongBits(count));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * A binary state whose names are the layout's first ones, in its order, as a projection over the
   * layout (the fields it lacks {@link Projection#ABSENT}); null for any other state.
   */
  private Projection readInLayout(byte[] bytes) {
    int fields = bytes[1] & 0xFF;
    if (fields > names.length) {
      return null;
    }
    Object[] values = new Object[names.length];
    Input in = new Input(bytes, 2);
    for (int slot = 0; slot < fields; slot++) {
      int nameLength = in.readByte() & 0xFF;
      if (!matches(nameBytes[slot], bytes, in.at, nameLength)) {
        return null;
      }
      in.at += nameLength;
      values[slot] = in.readValue();
    }
    Arrays.fill(values, fields, values.length, Projection.ABSENT);
    return new Projection(layout, values);
  }

  /** Any binary state, by the names it was written with. */
  private Map<String, Object> readByName(byte[] bytes) {
    int fields = bytes[1] & 0xFF;
    Map<String, Object> state = new LinkedHashMap<>(Math.max(16, fields * 2));
    Input in = new Input(bytes, 2);
    for (int position = 0; position < fields; position++) {
      int nameLength = in.readByte() & 0xFF;
      String name = name(bytes, in.at, nameLength, position);
      in.at += nameLength;
      state.put(name, in.readValue());
    }
    return state;
  }

  /** The state's own field names are written from and read into the same strings. */
  private byte[] nameBytes(String name, int position) {
    if (position < names.length && names[position].equals(name)) {
      return nameBytes[position];
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return nameBytes[i];
      }
    }
    return name.getBytes(StandardCharsets.UTF_8);
  }

  private String name(byte[] bytes, int at, int length, int position) {
    if (position < names.length && matches(nameBytes[position], bytes, at, length)) {
      return names[position];
    }
    for (int i = 0; i < names.length; i++) {
      if (matches(nameBytes[i], bytes, at, length)) {
        return names[i];
      }
    }
    return new String(bytes, at, length, StandardCharsets.UTF_8);
  }

  private static boolean matches(byte[] name, byte[] bytes, int at, int length) {
    return name.length == length && Arrays.equals(name, 0, length, bytes, at, at + length);
  }

  /** A position in a binary state, reading big-endian. */
  private static final class Input {
    private final byte[] bytes;
    private int at;

    Input(byte[] bytes, int at) {
      this.bytes = bytes;
      this.at = at;
    }

    byte readByte() {
      return bytes[at++];
    }

    /** A tag and the value it introduces. */
    Object readValue() {
      byte tag = readByte();
      return switch (tag) {
        case NULL -> null;
        case LONG -> readLong();
        case DOUBLE -> Double.longBitsToDouble(readLong());
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case STRING -> {
          int length = readInt();
          String value = new String(bytes, at, length, StandardCharsets.UTF_8);
          at += length;
          yield value;
        }
        case DOUBLE_PAIR -> {
          double sum = Double.longBitsToDouble(readLong());
          yield List.of(sum, Double.longBitsToDouble(readLong()));
        }
        default -> throw new SerializationException("unknown value tag " + tag + " in a state");
      };
    }

    private long readLong() {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (bytes[at++] & 0xFF);
      }
      return value;
    }

    private int readInt() {
      int value = 0;
      for (int i = 0; i < 4; i++) {
        value = (value << 8) | (bytes[at++] & 0xFF);
      }
      return value;
    }
  }

  /** A growing byte array, big-endian. */
  private static final class Output {
    private byte[] bytes = new byte[64];
    private int size;

    void writeByte(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    void writeInt(int v) {
      ensure(4);
      for (int shift = 24; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
    }

    void writeLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        bytes[size++] = (byte) (v >>> shift);
      }
    }

    void writeBytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}
