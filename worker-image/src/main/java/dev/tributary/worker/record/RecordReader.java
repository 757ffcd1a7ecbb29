package dev.tributary.worker.record;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON record values of one record type: a JSON object whose declared fields are coerced to
 * their types. Fields the type does not declare pass through as read; declared fields may be absent
 * (an expression that needs one dead-letters the record).
 *
 * <p>A reader made for {@linkplain #reading some fields} — the ones a pipeline's steps read before
 * they make records of their own — keeps only those, in a {@link Projection}, and does not decode
 * the others: a string it does not keep is scanned, not made a {@code String}, a number not
 * converted. Those are still checked against their declared types, so a record is refused, with the
 * same error, exactly when the whole reading would refuse it; {@link Projection#whole} reads the
 * whole record again where one is needed (a dead letter).
 *
 * <p>A record is read in one pass by {@link JsonScanner} over its bytes, which gives up on anything
 * it might read otherwise than Jackson; then in one pass with Jackson's parser, which gives up on
 * anything unusual; then the general way, with Jackson's data binding, which gives the errors.
 *
 * <p>Safe to share between threads, as a serde's reader is: what it remembers of the order of
 * fields is a hint, immutable entries each checked against the name it is used for, so that a
 * thread sees a right one or none; the scanner is the thread's own.
 */
public final class RecordReader {

  /** Positions remembered of the field order of recent records. */
  private static final int MAX_REMEMBERED = 64;

  /** What the reader does with a declared field. */
  private enum Kind {
    STRING,
    BOOL,
    INT,
    DOUBLE,
    ANY,
    /** A timestamp, bytes, a list or a map: read and coerced even where not kept. */
    OTHER;

    static Kind of(FieldType type) {
      return switch (type.name()) {
        case "string" -> STRING;
        case "bool" -> BOOL;
        case "int" -> INT;
        case "double" -> DOUBLE;
        case "any" -> ANY;
        default -> OTHER;
      };
    }
  }

  /**
   * A field name and what to do with its value.
   *
   * @param name interned, as the parser's field names are, so that it can be compared by identity
   * @param coercion to the declared type; null for a field the type does not declare
   * @param slot where a {@linkplain #reading partial} reader keeps the value, or -1
   * @param utf8 the name's bytes, which {@link JsonScanner#nameIs} compares with a record's; null
   *     for a name JSON escapes. Exact for a remembered field: a name read from a record is valid
   *     UTF-16, as the parser refuses a lone surrogate in a name and the scanner reads only UTF-8.
   */
  private record Field(String name, Coercion coercion, Kind kind, int slot, byte[] utf8) {

    Field(String name, Coercion coercion, Kind kind, int slot) {
      this(name, coercion, kind, slot, unescaped(name));
    }

    private static byte[] unescaped(String name) {
      byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
      for (byte b : utf8) {
        if ((b >= 0 && b < 0x20) || b == '"' || b == '\\') {
          return null;
        }
      }
      return utf8;
    }

    /**
     * Whether a value of this token is of the declared type as it stands, so that it can be
     * {@linkplain #skip skipped} instead of read and coerced.
     */
    boolean fitsUnread(JsonToken token) {
      return switch (token) {
        case VALUE_NULL -> true;
        case VALUE_STRING -> kind == Kind.STRING || kind == Kind.ANY;
        case VALUE_TRUE, VALUE_FALSE -> kind == Kind.BOOL || kind == Kind.ANY;
        case VALUE_NUMBER_INT -> kind == Kind.INT || kind == Kind.DOUBLE || kind == Kind.ANY;
        case VALUE_NUMBER_FLOAT -> kind == Kind.DOUBLE || kind == Kind.ANY;
        default -> kind == Kind.ANY;
      };
    }
  }

  private final Map<String, Coercion> coercions = new LinkedHashMap<>();

  /** The declared fields by name. */
  private final Map<String, Field> declared = new HashMap<>();

  /** Room for the declared fields without resizing. */
  private final int capacity;

  /** The fields kept, for a partial reader; null when whole records are read. */
  private final Projection.Layout layout;

  /** A value per kept field, each {@link Projection#ABSENT}: the values of a record, to copy. */
  private final Object[] absent;

  /**
   * The field at each position of the last records read: records of a topic mostly have their
   * fields in one order, and a name compared by identity costs less than a lookup.
   */
  private final Field[] recent = new Field[MAX_REMEMBERED];

  /** A reader of whole records. */
  public RecordReader(RecordType type) {
    this(type, null);
  }

  private RecordReader(RecordType type, Set<String> kept) {
    List<String> keptNames = new ArrayList<>();
    for (Map.Entry<String, FieldType> field : type.fields().entrySet()) {
      String name = field.getKey();
      Coercion coercion = Coercion.to(field.getValue());
      int slot = kept != null && kept.contains(name) ? keptNames.size() : -1;
      if (slot >= 0) {
        keptNames.add(name);
      }
      coercions.put(name, coercion);
      declared.put(name, new Field(name.intern(), coercion, Kind.of(field.getValue()), slot));
    }
    this.capacity = Math.max(16, (int) Math.ceil(coercions.size() / 0.75) + 1);
    this.layout = kept == null ? null : new Projection.Layout(keptNames.toArray(String[]::new));
    this.absent = new Object[keptNames.size()];
    Arrays.fill(absent, Projection.ABSENT);
  }

  /**
   * A reader that keeps only {@code fields} of each record (those the type declares; others are
   * never read), the rest checked but not kept.
   */
  public static RecordReader reading(RecordType type, Set<String> fields) {
    return new RecordReader(type, Set.copyOf(fields));
  }

  /** The record of a JSON object — for a partial reader, its kept fields; never null. */
  public Map<String, Object> read(byte[] bytes) throws MalformedRecordException {
    if (layout == null) {
      return readWhole(bytes);
    }
    Map<String, Object> record = readKeptFields(bytes);
    return record != null ? record : keep(readAnyway(bytes), bytes);
  }

  /** The whole record of a JSON object, whatever this reader keeps; never null. */
  public Map<String, Object> readWhole(byte[] bytes) throws MalformedRecordException {
    Map<String, Object> record = readWellFormed(bytes);
    return record != null ? record : readAnyway(bytes);
  }

  /**
   * The common case in one pass: a JSON object whose fields are read and coerced as they come.
   * Anything unusual — not an object, a syntax error, a duplicate field, a value that does not
   * coerce, trailing tokens — returns null, and {@link #readAnyway} reads the record again the
   * general way, which gives the same record and the same errors as ever.
   */
  Map<String, Object> readWellFormed(byte[] bytes) {
    Map<String, Object> record = scanWellFormed(bytes);
    return record != null ? record : parseWellFormed(bytes);
  }

  /**
   * {@link #readWellFormed} with {@link JsonScanner}, over the bytes without Jackson's parser: null
   * also where the scanner gives up, for {@link #parseWellFormed} to read the record.
   */
  Map<String, Object> scanWellFormed(byte[] bytes) {
    JsonScanner in = JsonScanner.over(bytes);
    try {
      if (!in.openObject()) {
        return null;
      }
      Map<String, Object> record = new LinkedHashMap<>(capacity);
      int fields = 0;
      JsonToken token;
      while ((token = in.nextField(fields == 0)) == JsonToken.FIELD_NAME) {
        Field field = field(in, fields);
        if (field == null) {
          return null;
        }
        Object value = in.value(in.nextValue());
        if (value == JsonScanner.UNREAD) {
          return null;
        }
        if (field.coercion() != null && value != null) {
          value = field.coercion().apply(value);
        }
        record.put(field.name(), value);
        fields++;
      }
      if (token != JsonToken.END_OBJECT || !in.atEnd() || record.size() != fields) {
        return null;
      }
      return record;
    } catch (MalformedRecordException | RuntimeException e) {
      return null;
    } finally {
      in.release();
    }
  }

  /**
   * {@link #readWellFormed} with the parser and the untyped reading that {@link RecordJson#read}
   * uses, for what {@link JsonScanner} does not read.
   */
  Map<String, Object> parseWellFormed(byte[] bytes) {
    try (JsonParser parser = RecordJson.parser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Object> record = new LinkedHashMap<>(capacity);
      int fields = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        Field field = field(name, fields);
        Object value = value(parser, parser.nextToken());
        if (field.coercion() != null && value != null) {
          value = field.coercion().apply(value);
        }
        record.put(name, value);
        fields++;
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null || record.size() != fields) {
        return null;
      }
      return record;
    } catch (IOException | MalformedRecordException | RuntimeException e) {
      return null;
    }
  }

  /**
   * {@link #readWellFormed} for a partial reader: the kept fields read and coerced, the declared
   * others checked without being decoded where their token already says they fit, undeclared ones
   * skipped. Null in the same unusual cases, and for a kept field given twice.
   */
  Projection readKeptFields(byte[] bytes) {
    Projection record = scanKeptFields(bytes);
    return record != null ? record : parseKeptFields(bytes);
  }

  /**
   * {@link #readKeptFields} with {@link JsonScanner}: null also where the scanner gives up, for
   * {@link #parseKeptFields} to read the record.
   */
  Projection scanKeptFields(byte[] bytes) {
    JsonScanner in = JsonScanner.over(bytes);
    try {
      if (!in.openObject()) {
        return null;
      }
      Object[] values = absent.clone();
      int position = 0;
      JsonToken token;
      while ((token = in.nextField(position == 0)) == JsonToken.FIELD_NAME) {
        Field field = field(in, position++);
        JsonToken valueToken = field == null ? null : in.nextValue();
        if (valueToken == null) {
          return null;
        }
        if (field.slot() >= 0) {
          Object value = in.value(valueToken);
          if (value == JsonScanner.UNREAD || values[field.slot()] != Projection.ABSENT) {
            return null;
          }
          values[field.slot()] = value == null ? null : field.coercion().apply(value);
        } else if (field.coercion() == null || field.fitsUnread(valueToken)) {
          if (!in.skip(valueToken)) {
            return null;
          }
        } else {
          Object value = in.value(valueToken);
          if (value == JsonScanner.UNREAD) {
            return null;
          }
          field.coercion().apply(value);
        }
      }
      if (token != JsonToken.END_OBJECT || !in.atEnd()) {
        return null;
      }
      return new Projection(layout, values, this, bytes);
    } catch (MalformedRecordException | RuntimeException e) {
      return null;
    } finally {
      in.release();
    }
  }

  /**
   * {@link #readKeptFields} with the parser, as {@link #parseWellFormed}, for what {@link
   * JsonScanner} does not read.
   */
  Projection parseKeptFields(byte[] bytes) {
    try (JsonParser parser = RecordJson.parser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Object[] values = new Object[layout.size()];
      Arrays.fill(values, Projection.ABSENT);
      int position = 0;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        Field field = field(parser.currentName(), position++);
        JsonToken valueToken = parser.nextToken();
        if (field.slot() >= 0) {
          if (values[field.slot()] != Projection.ABSENT) {
            return null;
          }
          Object value = value(parser, valueToken);
          values[field.slot()] = value == null ? null : field.coercion().apply(value);
        } else if (field.coercion() == null || field.fitsUnread(valueToken)) {
          if (!skip(parser, valueToken)) {
            return null;
          }
        } else {
          field.coercion().apply(value(parser, valueToken));
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return null;
      }
      return new Projection(layout, values, this, bytes);
    } catch (IOException | MalformedRecordException | RuntimeException e) {
      return null;
    }
  }

  /** The field of this name, the {@code position}-th of its record. */
  private Field field(String name, int position) {
    if (position < MAX_REMEMBERED) {
      Field last = recent[position];
      if (last != null && last.name() == name) {
        return last;
      }
    }
    return remember(name, position);
  }

  /**
   * The field whose name {@code in} is at, the {@code position}-th of its record, with {@code in}
   * then after the name: its bytes compared with the name remembered there, scanned and decoded
   * only when it is another. Null for a name the scanner does not read.
   */
  private Field field(JsonScanner in, int position) {
    if (position < MAX_REMEMBERED) {
      Field last = recent[position];
      if (last != null && in.nameIs(last.utf8())) {
        return last;
      }
    }
    String name = in.name();
    return name == null ? null : remember(name.intern(), position);
  }

  /** The field of this interned name, remembered as the {@code position}-th of records. */
  private Field remember(String name, int position) {
    Field field = declared.get(name);
    if (field == null) {
      field = new Field(name, null, Kind.ANY, -1);
    }
    if (position < MAX_REMEMBERED) {
      recent[position] = field;
    }
    return field;
  }

  /**
   * Passes over the value at the parser without decoding its strings. False when it is, or holds,
   * an integer beyond a long, which the general reading refuses.
   */
  private static boolean skip(JsonParser parser, JsonToken token) throws IOException {
    int depth = 0;
    do {
      switch (token) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_NUMBER_INT -> {
          if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return false;
          }
        }
        default -> {}
      }
    } while (depth > 0 && (token = parser.nextToken()) != null);
    return depth == 0;
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> RecordJson.read(parser);
    };
  }

  /** The kept fields of a whole record. */
  private Projection keep(Map<String, Object> record, byte[] bytes) {
    Object[] values = new Object[layout.size()];
    for (int i = 0; i < values.length; i++) {
      String name = layout.name(i);
      values[i] = record.containsKey(name) ? record.get(name) : Projection.ABSENT;
    }
    return new Projection(layout, values, this, bytes);
  }

  /** Reads the whole value, then checks and coerces the declared fields in their order. */
  Map<String, Object> readAnyway(byte[] bytes) throws MalformedRecordException {
    Object value;
    try {
      value = RecordJson.read(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("the value is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedRecordException("the value cannot be read: " + e.getMessage());
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new MalformedRecordException(
          "the value is not a JSON object: " + (value == null ? "null" : "a JSON " + kind(value)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) value;
    for (Map.Entry<String, Coercion> field : coercions.entrySet()) {
      Object raw = record.get(field.getKey());
      if (raw == null) {
        continue;
      }
      try {
        Object coerced = field.getValue().apply(raw);
        if (coerced != raw) {
          record.put(field.getKey(), coerced);
        }
      } catch (MalformedRecordException e) {
        throw new MalformedRecordException("field '" + field.getKey() + "' " + e.getMessage());
      }
    }
    return record;
  }

  private static String kind(Object value) {
    return switch (value) {
      case String s -> "string";
      case Boolean b -> "bool";
      case Number n -> "number";
      default -> "array";
    };
  }
}
