package dev.tributary.worker.record;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text in UTF-8 in one pass over its bytes, for {@link RecordReader}'s common case,
 * without the cost of Jackson's parser (a parser object, recycled buffers, a context per object, a
 * {@code String} per field name). It reads values exactly as {@link RecordJson#read} does: strings
 * (the escapes of JSON decoded), {@link Long} for integers, {@link Double} for numbers with a
 * fraction or an exponent, parsed as the parser parses them, booleans, null, {@link LinkedHashMap}s
 * and {@link ArrayList}s.
 *
 * <p>It gives up on anything it might read otherwise than Jackson: invalid JSON (which Jackson
 * refuses with an error of its own), invalid UTF-8, an integer beyond a long, a number, string or
 * depth near the parser's limits, a field name with an escape. The caller then reads the record
 * with Jackson: a {@code null} token or the value {@link #UNREAD} says so.
 *
 * <p>Tokens are Jackson's {@link JsonToken}s. A scalar value is consumed with its token, and the
 * scanner is then after it; for an object or an array it is after the opening bracket, and {@link
 * #value} or {@link #skip} reads or passes over the rest.
 *
 * <p>One per thread ({@link #over}), as its state is the position in the bytes being read; a
 * scanner is not used again before the reading that took it {@linkplain #release releases} it.
 */
final class JsonScanner {

  /** The value of what the scanner does not read: the caller gives up and asks Jackson. */
  static final Object UNREAD = new Object();

  /**
   * The longest number read, in bytes: far below the parser's limit of 1000 characters, and above
   * any double's shortest form (at most 24 characters).
   */
  private static final int MAX_NUMBER = 64;

  /**
   * The longest string or field name read, in bytes: a string has at most as many characters as
   * bytes, so never more than the parser's limit for names (50,000 characters) or values.
   */
  private static final int MAX_TEXT = 50_000;

  /** The deepest nesting read: far below the parser's limit of 1000. */
  private static final int MAX_DEPTH = 64;

  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  /** Eight bytes of an array at once, the first the lowest. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ThreadLocal<JsonScanner> SCANNERS =
      ThreadLocal.withInitial(JsonScanner::new);

  /** The bytes being read, null between readings. */
  private byte[] in;

  /** Where the scanner is in {@link #in}. */
  private int pos;

  /** The last string, field name or number read: from {@code start} to {@code end} (exclusive). */
  private int start;

  private int end;

  /** Whether the last string read has escapes to decode. */
  private boolean escaped;

  /** Whether the last string read is all ASCII, without escapes. */
  private boolean ascii;

  /** The value of the last integer read. */
  private long integer;

  /** Room to decode a string with escapes, or to hand a number to the double parser. */
  private char[] chars = new char[MAX_NUMBER];

  private JsonScanner() {}

  /** The thread's scanner, at the start of {@code bytes}. */
  static JsonScanner over(byte[] bytes) {
    JsonScanner scanner = SCANNERS.get();
    scanner.in = bytes;
    scanner.pos = 0;
    return scanner;
  }

  /** Ends a reading: the scanner no longer holds on to the bytes. */
  void release() {
    in = null;
  }

  /** Passes over the opening brace of the JSON object that the bytes must be; false if not one. */
  boolean openObject() {
    if (peek() != '{') {
      return false;
    }
    pos++;
    return true;
  }

  /**
   * The next field of the object the scanner is in: {@link JsonToken#FIELD_NAME} with the scanner
   * at the first byte of its name, for {@link #nameIs} or {@link #name} to read; {@link
   * JsonToken#END_OBJECT} after the closing brace; or null.
   *
   * @param first whether the field would be the object's first (no comma before it)
   */
  JsonToken nextField(boolean first) {
    int b = peek();
    if (b == '}') {
      pos++;
      return JsonToken.END_OBJECT;
    }
    if (!first) {
      if (b != ',') {
        return null;
      }
      pos++;
      b = peek();
    }
    if (b != '"') {
      return null;
    }
    pos++;
    return JsonToken.FIELD_NAME;
  }

  /**
   * Whether the field name the scanner is at is {@code utf8}, compared as it stands without
   * scanning it; if so the scanner is then after the name and its colon, else where it was.
   *
   * @param utf8 the UTF-8 of a name that JSON writes without escapes (no quote, backslash or
   *     control character), or null for a name that is never compared so
   */
  boolean nameIs(byte[] utf8) {
    if (utf8 == null) {
      return false;
    }
    byte[] in = this.in;
    int n = utf8.length;
    int p = pos;
    if (p + n >= in.length || in[p + n] != '"') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (in[p + i] != utf8[i]) {
        return false;
      }
    }
    pos = p + n + 1;
    if (!colon()) {
      pos = p;
      return false;
    }
    return true;
  }

  /**
   * The field name the scanner is at, the scanner then after its colon; null for a name with an
   * escape, which the scanner does not read, and for a name not followed by a colon.
   */
  String name() {
    return skipName() ? text() : null;
  }

  /** Passes over the field name the scanner is at and its colon, as {@link #name} reads them. */
  private boolean skipName() {
    return string() && !escaped && colon();
  }

  private boolean colon() {
    if (peek() != ':') {
      return false;
    }
    pos++;
    return true;
  }

  /**
   * The token of the next value: a scalar is consumed (and checked: an integer fits a long, a
   * string is valid UTF-8), an object or array opened; null if the bytes there are not a value this
   * scanner reads.
   */
  JsonToken nextValue() {
    int b = peek();
    switch (b) {
      case '"' -> {
        pos++;
        return string() ? JsonToken.VALUE_STRING : null;
      }
      case '{' -> {
        pos++;
        return JsonToken.START_OBJECT;
      }
      case '[' -> {
        pos++;
        return JsonToken.START_ARRAY;
      }
      case 't' -> {
        return literal(TRUE) ? JsonToken.VALUE_TRUE : null;
      }
      case 'f' -> {
        return literal(FALSE) ? JsonToken.VALUE_FALSE : null;
      }
      case 'n' -> {
        return literal(NULL) ? JsonToken.VALUE_NULL : null;
      }
      default -> {
        return b == '-' || (b >= '0' && b <= '9') ? number() : null;
      }
    }
  }

  /**
   * The value of {@code token}, the one {@link #nextValue} just gave, read in full; {@link #UNREAD}
   * when the token is null or something in the value is not read.
   */
  Object value(JsonToken token) {
    return value(token, 1);
  }

  private Object value(JsonToken token, int depth) {
    if (token == null) {
      return UNREAD;
    }
    return switch (token) {
      case VALUE_STRING -> text();
      case VALUE_NUMBER_INT -> Long.valueOf(integer);
      case VALUE_NUMBER_FLOAT -> Double.valueOf(doubleValue());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case START_OBJECT -> object(depth + 1);
      case START_ARRAY -> array(depth + 1);
      case VALUE_NULL -> null;
      default -> UNREAD;
    };
  }

  private Object object(int depth) {
    if (depth > MAX_DEPTH) {
      return UNREAD;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    JsonToken token;
    while ((token = nextField(map.isEmpty())) == JsonToken.FIELD_NAME) {
      String name = name();
      Object value = name == null ? UNREAD : value(nextValue(), depth);
      if (value == UNREAD) {
        return UNREAD;
      }
      // a name given twice keeps its first place and its last value, as Jackson's maps do
      map.put(name, value);
    }
    return token == JsonToken.END_OBJECT ? map : UNREAD;
  }

  private Object array(int depth) {
    if (depth > MAX_DEPTH) {
      return UNREAD;
    }
    List<Object> list = new ArrayList<>();
    JsonToken token;
    while ((token = nextElement(list.isEmpty())) != JsonToken.END_ARRAY) {
      Object value = value(token, depth);
      if (value == UNREAD) {
        return UNREAD;
      }
      list.add(value);
    }
    return list;
  }

  /**
   * Passes over the value of {@code token}, the one {@link #nextValue} just gave, checking it as
   * {@link #value} would without decoding it; false where {@link #value} would give {@link
   * #UNREAD}.
   */
  boolean skip(JsonToken token) {
    return skip(token, 1);
  }

  private boolean skip(JsonToken token, int depth) {
    if (token == JsonToken.START_OBJECT) {
      if (depth + 1 > MAX_DEPTH) {
        return false;
      }
      boolean first = true;
      while ((token = nextField(first)) == JsonToken.FIELD_NAME) {
        if (!skipName() || !skip(nextValue(), depth + 1)) {
          return false;
        }
        first = false;
      }
      return token == JsonToken.END_OBJECT;
    }
    if (token == JsonToken.START_ARRAY) {
      if (depth + 1 > MAX_DEPTH) {
        return false;
      }
      boolean first = true;
      while ((token = nextElement(first)) != JsonToken.END_ARRAY) {
        if (!skip(token, depth + 1)) {
          return false;
        }
        first = false;
      }
      return true;
    }
    return token != null;
  }

  /** Whether only whitespace follows: the end of the record. */
  boolean atEnd() {
    return peek() < 0;
  }

  /** The token of the next element of the array the scanner is in, or {@code END_ARRAY}. */
  private JsonToken nextElement(boolean first) {
    int b = peek();
    if (b == ']') {
      pos++;
      return JsonToken.END_ARRAY;
    }
    if (!first) {
      if (b != ',') {
        return null;
      }
      pos++;
    }
    return nextValue();
  }

  /** The next byte that is not JSON whitespace, which the scanner is then at; -1 at the end. */
  private int peek() {
    byte[] in = this.in;
    int p = pos;
    while (p < in.length) {
      int b = in[p] & 0xFF;
      // first the byte of every token, beyond a space
      if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
        pos = p;
        return b;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  private boolean literal(byte[] word) {
    int to = pos + word.length;
    if (to > in.length || !Arrays.equals(in, pos, to, word, 0, word.length)) {
      return false;
    }
    pos = to;
    return true;
  }

  /**
   * Scans a string, the scanner just after its opening quote, to just after its closing one; false
   * for a control character, an escape JSON does not have, invalid UTF-8 or a string too long.
   */
  private boolean string() {
    byte[] in = this.in;
    int p = pos;
    boolean escapes = false;
    boolean others = false;
    while (true) {
      p = plain(in, p);
      if (p >= in.length) {
        return false;
      }
      int b = in[p];
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        p = escape(in, p);
        escapes = true;
      } else if (b < 0) {
        p = utf8(in, p);
        others = true;
      } else {
        return false; // a control character, which JSON has only escaped
      }
      if (p < 0) {
        return false;
      }
    }
    if (p - pos > MAX_TEXT) {
      return false;
    }
    start = pos;
    end = p;
    escaped = escapes;
    ascii = !escapes && !others;
    pos = p + 1;
    return true;
  }

  /**
   * Where the first byte from {@code p} is that is not plain in a string: printable ASCII but a
   * quote and a backslash. Eight bytes at a time: in a long, the bytes that are a quote or a
   * backslash (equal: zero after an exclusive or), below a space or beyond ASCII have their high
   * bit set, the lowest such byte rightly so (a borrow only goes up).
   */
  private static int plain(byte[] in, int p) {
    while (p + 8 <= in.length) {
      long x = (long) LONGS.get(in, p);
      long quote = x ^ 0x2222222222222222L;
      long backslash = x ^ 0x5C5C5C5C5C5C5C5CL;
      long special =
          ((quote - 0x0101010101010101L) & ~quote)
              | ((backslash - 0x0101010101010101L) & ~backslash)
              | ((x - 0x2020202020202020L) & ~x)
              | x;
      special &= 0x8080808080808080L;
      if (special != 0) {
        return p + (Long.numberOfTrailingZeros(special) >>> 3);
      }
      p += 8;
    }
    while (p < in.length && in[p] >= 0x20 && in[p] != '"' && in[p] != '\\') {
      p++;
    }
    return p;
  }

  /** Where the escape at {@code p} ends, or -1 if JSON has no such escape. */
  private static int escape(byte[] in, int p) {
    if (p + 1 >= in.length) {
      return -1;
    }
    return switch (in[p + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p + 2;
      case 'u' -> {
        if (p + 5 >= in.length) {
          yield -1;
        }
        for (int i = p + 2; i < p + 6; i++) {
          if (Character.digit(in[i], 16) < 0) {
            yield -1;
          }
        }
        yield p + 6;
      }
      default -> -1;
    };
  }

  /**
   * Where the UTF-8 sequence that starts at {@code p} ends, or -1 if it is not well-formed (an
   * overlong form, a surrogate, beyond U+10FFFF, cut short): the sequences Jackson and {@code new
   * String(bytes, UTF_8)} decode alike.
   */
  private static int utf8(byte[] in, int p) {
    int lead = in[p] & 0xFF;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return -1;
    }
    if (p + length > in.length) {
      return -1;
    }
    int second = in[p + 1] & 0xFF;
    if (second < low || second > high) {
      return -1;
    }
    for (int i = p + 2; i < p + length; i++) {
      if ((in[i] & 0xC0) != 0x80) {
        return -1;
      }
    }
    return p + length;
  }

  /**
   * Scans a number, the scanner at its first byte, as JSON writes one: no leading zero, no lone
   * minus, digits after a point and in an exponent. Null for anything else, a number too long, and
   * an integer beyond a long.
   */
  private JsonToken number() {
    byte[] in = this.in;
    int p = pos;
    boolean negative = in[p] == '-';
    if (negative) {
      p++;
    }
    int digits = p;
    if (p < in.length && in[p] == '0') {
      p++;
    } else {
      p = digits(in, p);
    }
    int integerEnd = p;
    if (integerEnd == digits || (p < in.length && in[p] >= '0' && in[p] <= '9')) {
      return null; // no digit, or a leading zero
    }
    boolean fractional = false;
    if (p < in.length && in[p] == '.') {
      int fraction = p + 1;
      p = digits(in, fraction);
      if (p == fraction) {
        return null;
      }
      fractional = true;
    }
    if (p < in.length && (in[p] == 'e' || in[p] == 'E')) {
      p++;
      if (p < in.length && (in[p] == '+' || in[p] == '-')) {
        p++;
      }
      int exponent = p;
      p = digits(in, exponent);
      if (p == exponent) {
        return null;
      }
      fractional = true;
    }
    if (p - pos > MAX_NUMBER) {
      return null;
    }
    start = pos;
    end = p;
    pos = p;
    if (fractional) {
      return JsonToken.VALUE_NUMBER_FLOAT;
    }
    // minus the magnitude, which reaches Long.MIN_VALUE where the magnitude does not
    long value = 0;
    for (int i = digits; i < integerEnd; i++) {
      int digit = in[i] - '0';
      if (value < Long.MIN_VALUE / 10 || (value == Long.MIN_VALUE / 10 && digit > 8)) {
        return null;
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        return null;
      }
      value = -value;
    }
    integer = value;
    return JsonToken.VALUE_NUMBER_INT;
  }

  /** Where the run of digits from {@code p} ends. */
  private static int digits(byte[] in, int p) {
    while (p < in.length && in[p] >= '0' && in[p] <= '9') {
      p++;
    }
    return p;
  }

  /**
   * The number just scanned as a double: its text handed to the parse Jackson's parser uses, with
   * the same choice of FastDoubleParser, so that both give the same double.
   */
  private double doubleValue() {
    int length = end - start;
    for (int i = 0; i < length; i++) {
      chars[i] = (char) in[start + i];
    }
    return NumberInput.parseDouble(chars, 0, length, RecordJson.FAST_DOUBLES);
  }

  /** The string or field name just scanned, decoded. */
  String text() {
    if (ascii) {
      // the same string as from UTF-8, without looking for other bytes again
      return new String(in, start, end - start, StandardCharsets.ISO_8859_1);
    }
    if (!escaped) {
      return new String(in, start, end - start, StandardCharsets.UTF_8);
    }
    // never more characters than bytes: an escape is shorter than its character, a 4-byte
    // sequence is 2 characters
    if (chars.length < end - start) {
      chars = new char[Math.max(end - start, 2 * chars.length)];
    }
    int length = 0;
    int p = start;
    while (p < end) {
      int b = in[p];
      if (b == '\\') {
        chars[length++] = unescape(p);
        p += in[p + 1] == 'u' ? 6 : 2;
      } else if (b >= 0) {
        chars[length++] = (char) b;
        p++;
      } else if (b >= (byte) 0xE0 && b < (byte) 0xF0) {
        chars[length++] =
            (char) (((b & 0x0F) << 12) | ((in[p + 1] & 0x3F) << 6) | (in[p + 2] & 0x3F));
        p += 3;
      } else if (b < (byte) 0xE0) {
        chars[length++] = (char) (((b & 0x1F) << 6) | (in[p + 1] & 0x3F));
        p += 2;
      } else {
        int code =
            ((b & 0x07) << 18)
                | ((in[p + 1] & 0x3F) << 12)
                | ((in[p + 2] & 0x3F) << 6)
                | (in[p + 3] & 0x3F);
        chars[length++] = Character.highSurrogate(code);
        chars[length++] = Character.lowSurrogate(code);
        p += 4;
      }
    }
    return new String(chars, 0, length);
  }

  /**
   * The character of the escape at {@code p}; a {@code \}{@code u} escape gives its code unit as it
   * stands, a surrogate included, as Jackson does.
   */
  private char unescape(int p) {
    return switch (in[p + 1]) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' ->
          (char)
              (Character.digit(in[p + 2], 16) << 12
                  | Character.digit(in[p + 3], 16) << 8
                  | Character.digit(in[p + 4], 16) << 4
                  | Character.digit(in[p + 5], 16));
      default -> (char) in[p + 1]; // " \ /
    };
  }
}
