package dev.tributary.worker.record;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes a record whose values are all strings, longs, finite doubles, bools and nulls — nearly
 * every record — as JSON, byte for byte as {@link RecordJson#writeWithGenerator} does, without the
 * generator, its output stream, its write context and its checks per value. Its bytes are Jackson's
 * by construction: the generator's escapes for ASCII (its own table: short escapes for some control
 * characters, {@code \}{@code u00XX} for the others, {@code "} and {@code \} escaped), other
 * characters in UTF-8 but each surrogate as a {@code \}{@code uXXXX} escape (the generator does not
 * combine pairs unless told to), upper-case hex, longs by Jackson's {@link NumberOutput}, doubles
 * by {@link Double#toString} as the generator writes them, a projection's field names as its layout
 * encoded them for the generator.
 *
 * <p>The record is written into a buffer of the thread's, then copied out at its length; a writer
 * is used by one write at a time. Records with another value are left to the generator ({@link
 * #write} gives null): lists, maps, byte strings, NaN and infinities (written as strings), and
 * strings long enough to be better streamed.
 */
final class JsonWriter implements BiConsumer<String, Object> {

  /** The buffer's size to begin with, larger than most records. */
  private static final int INITIAL = 1024;

  /** A buffer grown beyond this for a large record is not kept for the next. */
  private static final int KEPT = 1 << 16;

  /** The longest string written, in characters; room for its worst case is reserved at once. */
  private static final int MAX_STRING = 1 << 20;

  /** The generator's escapes of ASCII: 0 none, a character for its short escape, -1 for hex. */
  private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private static final ThreadLocal<JsonWriter> WRITERS = ThreadLocal.withInitial(JsonWriter::new);

  private byte[] buf = new byte[INITIAL];

  /** The bytes written of the current record; 1, the opening brace, before its first field. */
  private int len;

  /** Whether the current record has a value this writer does not write. */
  private boolean unwritable;

  private JsonWriter() {}

  /** The JSON object of a record, or null when it has a value of another kind. */
  static byte[] write(Map<String, Object> record) {
    JsonWriter out = WRITERS.get();
    out.len = 0;
    out.unwritable = false;
    try {
      out.ensure(1);
      out.buf[out.len++] = '{';
      if (record instanceof Projection projection) {
        out.fields(projection);
      } else {
        // forEach: no entry objects for maps that have none (LinkedHashMap)
        record.forEach(out);
      }
      if (out.unwritable) {
        return null;
      }
      out.ensure(1);
      out.buf[out.len++] = '}';
      return Arrays.copyOf(out.buf, out.len);
    } finally {
      if (out.buf.length > KEPT) {
        out.buf = new byte[INITIAL];
      }
    }
  }

  /** The fields of a projection, their names encoded once by its layout. */
  private void fields(Projection record) {
    Projection.Layout layout = record.layout();
    for (int i = 0; i < layout.size(); i++) {
      Object value = record.slot(i);
      if (value != Projection.ABSENT) {
        comma();
        byte[] name = layout.quotedName(i);
        if (name == null) {
          unwritable = true;
          return;
        }
        bytes(name);
        if (!value(value)) {
          unwritable = true;
          return;
        }
      }
    }
  }

  /** Writes a field of a map record. */
  @Override
  public void accept(String name, Object value) {
    if (unwritable) {
      return;
    }
    comma();
    // a null name is left to the generator, to fail there as it always has
    if (name == null || !string(name)) {
      unwritable = true;
      return;
    }
    ensure(1);
    buf[len++] = ':';
    if (!value(value)) {
      unwritable = true;
    }
  }

  private void comma() {
    if (len > 1) {
      ensure(1);
      buf[len++] = ',';
    }
  }

  /** Writes a value; false if it is not of a kind this writer writes. */
  private boolean value(Object value) {
    switch (value) {
      case null -> bytes(NULL);
      case String s -> {
        return string(s);
      }
      case Long l -> {
        ensure(20); // a minus and 19 digits
        len = NumberOutput.outputLong(l, buf, len);
      }
      case Double d -> {
        if (!Double.isFinite(d)) {
          return false;
        }
        ascii(Double.toString(d));
      }
      case Boolean b -> bytes(b ? TRUE : FALSE);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Writes a string quoted and escaped; false if it is too long for this writer. */
  private boolean string(String s) {
    int n = s.length();
    if (n > MAX_STRING) {
      return false;
    }
    ensure(6 * n + 2); // at worst an escape of 6 bytes per character
    byte[] buf = this.buf;
    int p = len;
    buf[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        int escape = ESCAPES[c];
        if (escape == 0) {
          buf[p++] = (byte) c;
        } else if (escape > 0) {
          buf[p++] = '\\';
          buf[p++] = (byte) escape;
        } else {
          p = hexEscape(c, p);
        }
      } else if (c < 0x800) {
        buf[p++] = (byte) (0xC0 | (c >> 6));
        buf[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        p = hexEscape(c, p);
      } else {
        buf[p++] = (byte) (0xE0 | (c >> 12));
        buf[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    buf[p++] = '"';
    len = p;
    return true;
  }

  private int hexEscape(char c, int p) {
    buf[p++] = '\\';
    buf[p++] = 'u';
    buf[p++] = HEX[c >> 12];
    buf[p++] = HEX[(c >> 8) & 0xF];
    buf[p++] = HEX[(c >> 4) & 0xF];
    buf[p++] = HEX[c & 0xF];
    return p;
  }

  private void ascii(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) text.charAt(i);
    }
  }

  private void bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  /** Room for {@code more} bytes. */
  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
    }
  }
}
