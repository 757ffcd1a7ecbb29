package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.AggregateFunction;
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
  private final String[] names;
  private final byte[][] nameBytes;

  private AggregateStateSerde(RecordType stateType, RecordSerde json) {
    this.json = json;
    this.names = stateType.fields().keySet().toArray(String[]::new);
    this.nameBytes = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      nameBytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The binary serde for states of these aggregations, or JSON when one of them collects. */
  static Serde<Map<String, Object>> of(
      RecordType stateType, List<Aggregation> aggregations, RecordSerde json) {
    boolean collects = aggregations.stream().anyMatch(a -> a.fn() == AggregateFunction.COLLECT);
    return collects ? json : new AggregateStateSerde(stateType, json);
  }

  @Override
  public byte[] serialize(String topic, Map<String, Object> state) {
    if (state == null) {
      return null;
    }
    byte[] binary = binary(state);
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
      return read(bytes);
    } catch (IndexOutOfBoundsException e) {
      throw new SerializationException("an aggregate state on " + topic + " is truncated");
    }
  }

  /** The binary form, or null when a value has no binary form. */
  private byte[] binary(Map<String, Object> state) {
    if (state.size() > MAX_FIELDS) {
      return null;
    }
    Output out = new Output();
    out.writeByte(FORMAT_VERSION);
    out.writeByte(state.size());
    int position = 0;
    for (Map.Entry<String, Object> field : state.entrySet()) {
      byte[] name = nameBytes(field.getKey(), position++);
      if (name.length > MAX_NAME_BYTES) {
        return null;
      }
      out.writeByte(name.length);
      out.writeBytes(name);
      if (!write(out, field.getValue())) {
        return null;
      }
    }
    return out.toByteArray();
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

  private Map<String, Object> read(byte[] bytes) {
    int fields = bytes[1] & 0xFF;
    Map<String, Object> state = new LinkedHashMap<>(Math.max(16, fields * 2));
    int at = 2;
    for (int position = 0; position < fields; position++) {
      int nameLength = bytes[at++] & 0xFF;
      String name = name(bytes, at, nameLength, position);
      at += nameLength;
      byte tag = bytes[at++];
      Object value;
      switch (tag) {
        case NULL -> value = null;
        case LONG -> {
          value = readLong(bytes, at);
          at += 8;
        }
        case DOUBLE -> {
          value = Double.longBitsToDouble(readLong(bytes, at));
          at += 8;
        }
        case TRUE -> value = Boolean.TRUE;
        case FALSE -> value = Boolean.FALSE;
        case STRING -> {
          int length = readInt(bytes, at);
          at += 4;
          value = new String(bytes, at, length, StandardCharsets.UTF_8);
          at += length;
        }
        case DOUBLE_PAIR -> {
          value =
              List.of(
                  Double.longBitsToDouble(readLong(bytes, at)),
                  Double.longBitsToDouble(readLong(bytes, at + 8)));
          at += 16;
        }
        default -> throw new SerializationException("unknown value tag " + tag + " in a state");
      }
      state.put(name, value);
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

  private static long readLong(byte[] bytes, int at) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    return value;
  }

  private static int readInt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24
        | (bytes[at + 1] & 0xFF) << 16
        | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
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
