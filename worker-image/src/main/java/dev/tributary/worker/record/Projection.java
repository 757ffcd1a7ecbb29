package dev.tributary.worker.record;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A record of known field names: the values in an array beside names shared by every record of a
 * step, instead of a hash map filled per record. A {@code select} makes one with every field set;
 * {@link RecordReader} makes one of the fields a pipeline reads, where a field the input did not
 * have is {@link #ABSENT} and, as in a map, not contained; an {@code aggregate} makes its prepared
 * records, its states and its results as projections, and its state serde reads states into them.
 * Read-only, as every step treats its input: a step that derives a record from one copies its
 * {@linkplain #slots values} and makes a new projection.
 */
public final class Projection extends AbstractMap<String, Object> {

  /** A slot's value when the record does not have the field (null is a value of its own). */
  public static final Object ABSENT = new Object();

  /** The names of the fields, and where each is. */
  public static final class Layout {
    private final String[] names;

    /** The names as JSON writes them, encoded once. */
    private final SerializedString[] jsonNames;

    /**
     * The same names quoted, with the colon after them, as {@link JsonWriter} writes them; null for
     * a name that is not well-formed UTF-16 (a lone surrogate), which the generator refuses.
     */
    private final byte[][] quotedNames;

    private final Map<String, Integer> index = new HashMap<>();

    public Layout(String[] names) {
      this.names = new String[names.length];
      this.jsonNames = new SerializedString[names.length];
      this.quotedNames = new byte[names.length][];
      for (int i = 0; i < names.length; i++) {
        // interned, as the JSON parser's field names and readers' names are: lookups then
        // compare names by identity, not by their characters
        this.names[i] = names[i].intern();
        index.put(this.names[i], i);
        jsonNames[i] = new SerializedString(names[i]);
        quotedNames[i] = quoted(jsonNames[i]);
      }
    }

    private static byte[] quoted(SerializedString name) {
      byte[] escaped;
      try {
        escaped = name.asQuotedUTF8();
      } catch (IllegalArgumentException e) {
        return null;
      }
      byte[] quoted = new byte[escaped.length + 3];
      quoted[0] = '"';
      System.arraycopy(escaped, 0, quoted, 1, escaped.length);
      quoted[escaped.length + 1] = '"';
      quoted[escaped.length + 2] = ':';
      return quoted;
    }

    public int size() {
      return names.length;
    }

    /** Where the field is, or -1. */
    int slot(String name) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }

    /** The name of the field in a slot, interned. */
    public String name(int slot) {
      return names[slot];
    }

    SerializedString jsonName(int slot) {
      return jsonNames[slot];
    }

    /** The name quoted, with its colon, as the generator writes it; null if it cannot. */
    byte[] quotedName(int slot) {
      return quotedNames[slot];
    }
  }

  /**
   * Reads one field of records: by its slot when the record is a projection, remembering the slot
   * of the layout it last saw, instead of a lookup by name per record. Shared between threads: what
   * it remembers is an immutable pair, so a thread sees a whole pair or another's.
   */
  public static final class Field {

    private record Slot(Layout layout, int slot) {}

    private final String name;
    private Slot last;

    public Field(String name) {
      this.name = name.intern();
    }

    /** The field's value in the record, or null when it is null or absent. */
    public Object get(Map<String, Object> record) {
      if (!(record instanceof Projection projection)) {
        return record.get(name);
      }
      Slot slot = last;
      if (slot == null || slot.layout() != projection.layout) {
        slot = new Slot(projection.layout, projection.layout.slot(name));
        last = slot;
      }
      return slot.slot() < 0 ? null : projection.valueAt(slot.slot());
    }
  }

  private final Layout layout;
  private final Object[] values;

  /** For the fields of a record that a reader kept: the reader and the record's bytes. */
  private final RecordReader reader;

  private final byte[] source;

  /**
   * @param values in the order of the layout's names, {@link #ABSENT} where the record has no such
   *     field; kept, not copied
   */
  public Projection(Layout layout, Object[] values) {
    this(layout, values, null, null);
  }

  /** The fields that {@code reader} kept of the record {@code source}. */
  Projection(Layout layout, Object[] values, RecordReader reader, byte[] source) {
    this.layout = layout;
    this.values = values;
    this.reader = reader;
    this.source = source;
  }

  /** The names of the fields: a step that made the layout reads the values by slot. */
  public Layout layout() {
    return layout;
  }

  /**
   * The whole record, for a dead letter: when {@code record} is the part of one that a reader kept,
   * the record read again in full; else the record itself.
   */
  public static Map<String, Object> whole(Map<String, Object> record) {
    if (record instanceof Projection projection && projection.source != null) {
      try {
        return projection.reader.readWhole(projection.source);
      } catch (MalformedRecordException e) {
        return record; // read once already, so not expected; what was read is what there is
      }
    }
    return record;
  }

  /** The value in a slot, {@link #ABSENT} included. */
  public Object slot(int slot) {
    return values[slot];
  }

  /**
   * A copy of the values in the layout's order, {@link #ABSENT} included: for a record made from
   * this one.
   */
  public Object[] slots() {
    return values.clone();
  }

  /** The value in a slot, null for an absent field as for a null one. */
  private Object valueAt(int slot) {
    Object value = values[slot];
    return value == ABSENT ? null : value;
  }

  @Override
  public Object get(Object name) {
    Integer i = layout.index.get(name);
    return i == null ? null : valueAt(i);
  }

  @Override
  public boolean containsKey(Object name) {
    Integer i = layout.index.get(name);
    return i != null && values[i] != ABSENT;
  }

  /** Counted when asked: steps read fields by name, and writers go through the slots. */
  @Override
  public int size() {
    int present = 0;
    for (Object value : values) {
      if (value != ABSENT) {
        present++;
      }
    }
    return present;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] != ABSENT) {
        action.accept(layout.names[i], values[i]);
      }
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next = skipAbsent(0);

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next;
            next = skipAbsent(i + 1);
            return new SimpleImmutableEntry<>(layout.names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return Projection.this.size();
      }
    };
  }

  private int skipAbsent(int from) {
    int i = from;
    while (i < values.length && values[i] == ABSENT) {
      i++;
    }
    return i;
  }
}
