package dev.tributary.worker.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The scanner's readings are exactly Jackson's: where {@link RecordReader#scanWellFormed} or {@link
 * RecordReader#scanKeptFields} gives a record, the parser's one-pass reading gives the same one,
 * values' classes included, and every reading gives the record or the error of the general reading.
 */
class JsonScannerTest {

  private static final RecordType TYPE =
      type(
          "s",
          "string",
          "i",
          "int",
          "d",
          "double",
          "b",
          "bool",
          "t",
          "timestamp",
          "y",
          "bytes",
          "l",
          "list<double>",
          "m",
          "map<string,int>",
          "a",
          "any",
          "prix€",
          "double");

  /** Undeclared names, as records carry them. */
  private static final List<String> OTHERS = List.of("u", "extra", "ünï", "", "a b", "s2");

  private static final List<Set<String>> KEPT =
      List.of(
          Set.of(),
          Set.of("s"),
          Set.of("i", "d", "prix€"),
          Set.of("b", "t", "y"),
          Set.of("l", "m", "a"),
          TYPE.fields().keySet());

  private static RecordType type(String... namesAndTypes) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put(namesAndTypes[i], FieldType.parse(namesAndTypes[i + 1]).orElseThrow());
    }
    return new RecordType(fields);
  }

  /** Records chosen for the edges of JSON and of the scanner. */
  private static List<String> handPicked() {
    List<String> records =
        new ArrayList<>(
            List.of(
                "{\"s\":\"héllo wörld ✓ 😀\",\"prix€\":1.5,\"ünï\":\"ß\"}",
                "{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\\uDE00 x\"}",
                "{\"s\":\"\\ud83d\"}",
                "{\"s\":\"\\x\"}",
                "{\"s\":\"\\u12\"}",
                "{\"s\":\"\\u12G4\"}",
                "{\"s\":\"\\",
                "{\"\\u0073\":\"x\"}",
                "{\"s\\n\":\"x\"}",
                "{\"s\":\"\",\"\":1,\"u\":\"\"}",
                "{\"s\":\"\u007f\"}",
                "{\"s\":\"a\u0001b\"}",
                "{\"s\":\"tab\tinside\"}",
                "{\"i\":9223372036854775807}",
                "{\"i\":-9223372036854775808}",
                "{\"i\":9223372036854775808}",
                "{\"i\":-9223372036854775809}",
                "{\"i\":10000000000000000000}",
                "{\"i\":-0}",
                "{\"i\":0}",
                "{\"u\":99999999999999999999}",
                "{\"u\":-9223372036854775808,\"i\":1}",
                "{\"a\":99999999999999999999}",
                "{\"d\":-0.0}",
                "{\"d\":0.0}",
                "{\"d\":1e308}",
                "{\"d\":1.7976931348623157e308}",
                "{\"d\":1e309}",
                "{\"d\":5e-324}",
                "{\"d\":4.9e-324}",
                "{\"d\":2e-324}",
                "{\"d\":1e-400}",
                "{\"d\":0.1e1}",
                "{\"d\":1E+2}",
                "{\"d\":1e-2}",
                "{\"d\":1.0E0010}",
                "{\"d\":123456789012345678901234567890.5}",
                "{\"d\":0." + "1".repeat(70) + "}",
                "{\"i\":01}",
                "{\"i\":00}",
                "{\"i\":-01}",
                "{\"i\":-}",
                "{\"i\":-a}",
                "{\"i\":1.}",
                "{\"i\":.5}",
                "{\"i\":+1}",
                "{\"i\":1e}",
                "{\"i\":1e+}",
                "{\"i\":--1}",
                "{\"i\":0x10}",
                "{\"i\":NaN}",
                "{\"d\":Infinity}",
                "{\"d\":-Infinity}",
                "{\"i\":1.5.5}",
                "{\"i\":1e5.5}",
                "{\"i\":1 2}",
                "{\"b\":tru}",
                "{\"b\":truex}",
                "{\"b\":True}",
                "{\"b\":false,\"u\":null,\"s\":null}",
                "{\"u\":nul}",
                "{\"a\":{\"k\":[1,2,{\"z\":null}]},\"x\":[[]],\"y2\":{}}",
                "{\"x\":{\"k\":1,\"k\":2}}",
                "{\"m\":{\"a\":1,\"a\":2.0}}",
                "{\"a\":{\"k\":1,\"k\":[true]}}",
                "{\"l\":[1,2.5,-0.0,1e2]}",
                "{\"l\":[]}",
                "{\"l\":[1,]}",
                "{\"l\":[,1]}",
                "{\"l\":[1 2]}",
                "{\"m\":{}}",
                "{\"m\":{,}}",
                "{\"m\":{\"a\":}}",
                "{\"u\":[1,{\"y\":99999999999999999999}]}",
                "{\"u\":[1,{\"y\":\"\\q\"}]}",
                "{\"u\":{\"y\":[1e999,\"s\"]}}",
                "{\"u\":{\"y\"1}}",
                "{\"u\":{\"\\u0079\":1}}",
                "{\"a\":" + "[".repeat(70) + "]".repeat(70) + "}",
                "{\"u\":" + "[".repeat(70) + "]".repeat(70) + "}",
                "{\"u\":" + "{\"k\":".repeat(63) + "1" + "}".repeat(63) + "}",
                " \t\r\n{ \"s\" : \"x\" , \"i\" :\t1 }\n\r\t ",
                "{\"i\"\n:\n1\n,\n\"s\"\r:\r\"v\"\r}",
                "{\"i\":1}\u000b",
                "\f{}",
                "{\u00a0\"i\":1}",
                "\ufeff{\"s\":\"x\"}",
                "{\"s\":\"a\",\"s\":\"b\"}",
                "{\"u\":1,\"u\":2}",
                "{\"i\":1,\"i\":1}",
                "{\"prix€\":1,\"prix€\":2}",
                "{\"i\":1}x",
                "{\"i\":1}{}",
                "{\"i\":1},",
                "{\"i\":1}}",
                "{\"i\":1]",
                "{\"i\" 1}",
                "{\"i\":1,,\"s\":\"x\"}",
                "{\"i\":1 \"s\":\"x\"}",
                "{,\"i\":1}",
                "{i:1}",
                "{\"d\":\"NaN\",\"t\":\"2024-05-01T12:00:00Z\",\"y\":\"aGk=\"}",
                "{\"t\":\"yesterday\"}",
                "{\"y\":\"not base64!\"}",
                "{\"l\":[1,\"x\"]}",
                "{\"i\":\"1\"}",
                "{\"s\":1}",
                "{\"s\":[\"x\"]}",
                "{\"s\":{\"x\":1}}",
                "{\"b\":{}}",
                "[]",
                "\"x\"",
                "1",
                "",
                "{\"s\":\"" + "x".repeat(60_000) + "\"}",
                "{\"" + "n".repeat(60_000) + "\":1}"));
    // every prefix of an ordinary record: input cut short anywhere
    String whole =
        "{\"s\":\"é\\n😀\",\"i\":-12,\"d\":2.5e-3,\"b\":true,\"a\":[null,{\"k\":false}],\"u\":1}";
    for (int i = 0; i < whole.length(); i++) {
      records.add(whole.substring(0, i));
    }
    return records;
  }

  /** Bytes that are not UTF-8, or UTF-8 that Java and Jackson might decode differently. */
  private static List<byte[]> notUtf8() {
    List<byte[]> records = new ArrayList<>();
    for (int[] sequence :
        new int[][] {
          {0xC3, 0x28}, // cut short by an ASCII byte
          {0xC0, 0xAF}, // overlong
          {0xE0, 0x80, 0xAF}, // overlong
          {0xED, 0xA0, 0x80}, // a surrogate
          {0xF4, 0x90, 0x80, 0x80}, // beyond U+10FFFF
          {0xF8, 0x88, 0x80, 0x80, 0x80},
          {0x80},
          {0xBF},
          {0xE2, 0x82},
          {0xF0, 0x9F, 0x98},
          {0xFF}
        }) {
      for (String field : List.of("s", "u", "ünï")) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("{\"" + field + "\":\"a").getBytes(StandardCharsets.UTF_8));
        for (int b : sequence) {
          bytes.write(b);
        }
        bytes.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        records.add(bytes.toByteArray());
      }
    }
    // valid UTF-8 at each length, and at the edges of what is valid
    records.add(utf8("{\"s\":\"\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff\"}"));
    return records;
  }

  @Test
  void handPickedRecordsReadAsJacksonReadsThem() {
    List<byte[]> records = new ArrayList<>();
    handPicked().forEach(json -> records.add(utf8(json)));
    records.addAll(notUtf8());

    for (byte[] bytes : records) {
      assertReadAlike(bytes);
    }
  }

  @Test
  void invalidUtf8IsLeftToJackson() {
    List<byte[]> records = notUtf8();
    RecordReader reader = new RecordReader(TYPE);

    for (byte[] bytes : records.subList(0, records.size() - 1)) {
      assertThat(reader.scanWellFormed(bytes)).isNull();
    }
    assertThat(reader.scanWellFormed(records.getLast())).isNotNull();
  }

  @Test
  void generatedRecordsReadAsJacksonReadsThem() {
    Random random = new Random(20_261_126);
    for (int i = 0; i < 4000; i++) {
      String json = new Generator(random, false).record();
      assertReadAlike(utf8(json));
    }
  }

  /** Records whose values fit their types, written without escapes in names, are all scanned. */
  @Test
  void wellTypedRecordsAreScanned() {
    Random random = new Random(1_764_000_000);
    RecordReader whole = new RecordReader(TYPE);
    List<RecordReader> partials =
        KEPT.stream().map(kept -> RecordReader.reading(TYPE, kept)).toList();
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = utf8(new Generator(random, true).record());

      assertThat(whole.scanWellFormed(bytes))
          .as(new String(bytes, StandardCharsets.UTF_8))
          .isNotNull();
      for (RecordReader partial : partials) {
        assertThat(partial.scanKeptFields(bytes))
            .as(new String(bytes, StandardCharsets.UTF_8))
            .isNotNull();
      }
    }
  }

  @Test
  void theBenchmarksRecordIsScanned() {
    byte[] bytes =
        utf8(
            "{\"txId\":\"tx-000001\",\"cardId\":\"card-0042\",\"amount\":123.45,\"currency\":\"EUR\","
                + "\"merchant\":\"m-17\",\"mcc\":\"5411\",\"category\":\"grocery\",\"country\":\"DE\","
                + "\"channel\":\"online\",\"ts\":1764000000000}");
    RecordType type =
        type(
            "txId",
            "string",
            "cardId",
            "string",
            "amount",
            "double",
            "currency",
            "string",
            "merchant",
            "string",
            "mcc",
            "string",
            "category",
            "string",
            "country",
            "string",
            "channel",
            "string",
            "ts",
            "timestamp");
    RecordReader partial = RecordReader.reading(type, Set.of("txId", "amount", "country"));

    for (int i = 0; i < 3; i++) { // the second time and after, by the remembered order
      assertThat(describeRecord(partial.scanKeptFields(bytes)))
          .isEqualTo("{txId=String:tx-000001, amount=Double:123.45, country=String:DE}");
      assertThat(describeRecord(new RecordReader(type).scanWellFormed(bytes)))
          .isEqualTo(describeRecord(new RecordReader(type).parseWellFormed(bytes)));
    }
  }

  /**
   * Whole and partial readers: where the scanner reads a record, the parser's one-pass reading
   * gives the same one, as does the general reading; and {@code read} gives what it gave before the
   * scanner, the record or the error.
   */
  private static void assertReadAlike(byte[] bytes) {
    String shown = new String(bytes, StandardCharsets.UTF_8);
    String shownShort = shown.length() > 200 ? shown.substring(0, 200) + "…" : shown;
    RecordReader whole = new RecordReader(TYPE);
    String general = outcome(() -> whole.readAnyway(bytes));
    String withoutScanner =
        outcome(
            () -> {
              Map<String, Object> parsed = whole.parseWellFormed(bytes);
              return parsed != null ? parsed : whole.readAnyway(bytes);
            });

    Map<String, Object> scanned = whole.scanWellFormed(bytes);
    if (scanned != null) {
      assertThat(describeRecord(scanned))
          .as("scanned %s", shownShort)
          .isEqualTo(describeRecord(whole.parseWellFormed(bytes)))
          .isEqualTo(general);
    }
    assertThat(outcome(() -> whole.read(bytes)))
        .as("read %s", shownShort)
        .isEqualTo(withoutScanner);

    for (Set<String> kept : KEPT) {
      RecordReader partial = RecordReader.reading(TYPE, kept);
      String keptWithoutScanner =
          outcome(
              () -> {
                Projection parsed = partial.parseKeptFields(bytes);
                return parsed != null ? parsed : keep(kept, whole.readAnyway(bytes));
              });

      Projection scannedFields = partial.scanKeptFields(bytes);
      if (scannedFields != null) {
        assertThat(describeRecord(scannedFields))
            .as("scanned %s of %s", kept, shownShort)
            .isEqualTo(describeRecord(partial.parseKeptFields(bytes)))
            .isEqualTo(outcome(() -> keep(kept, whole.readAnyway(bytes))));
      }
      assertThat(outcome(() -> partial.read(bytes)))
          .as("read %s of %s", kept, shownShort)
          .isEqualTo(keptWithoutScanner);
    }
  }

  /** The declared fields among {@code kept} that the record has, in their declared order. */
  private static Map<String, Object> keep(Set<String> kept, Map<String, Object> record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name : TYPE.fields().keySet()) {
      if (kept.contains(name) && record.containsKey(name)) {
        fields.put(name, record.get(name));
      }
    }
    return fields;
  }

  private interface Reading {
    Map<String, Object> read() throws MalformedRecordException;
  }

  private static String outcome(Reading reading) {
    try {
      return describeRecord(reading.read());
    } catch (MalformedRecordException e) {
      return "malformed: " + e.getMessage();
    }
  }

  /** A record's fields with the class of everything in them; "null" for no record. */
  private static String describeRecord(Map<String, Object> record) {
    if (record == null) {
      return "null";
    }
    Map<Object, String> described = new LinkedHashMap<>();
    record.forEach((k, v) -> described.put(k, describe(v)));
    return described.toString();
  }

  /** A value with the class of everything in it. */
  private static String describe(Object value) {
    return switch (value) {
      case null -> "null";
      case ByteString bytes -> "ByteString:" + bytes.toStringUtf8();
      case Map<?, ?> map -> {
        Map<Object, String> described = new LinkedHashMap<>();
        map.forEach((k, v) -> described.put(k, describe(v)));
        yield map.getClass().getSimpleName() + described;
      }
      case List<?> list ->
          list.getClass().getSimpleName() + list.stream().map(JsonScannerTest::describe).toList();
      default -> value.getClass().getSimpleName() + ":" + value;
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Random JSON records: declared and other fields in any order, values of every kind, whitespace
   * anywhere; unless well-typed, also values of other types than declared, escapes in names,
   * duplicate fields and broken text.
   */
  private static final class Generator {
    private static final String PRINTABLE = "abcXYZ019 -_:{}[],'~#\u007f";

    private final Random random;
    private final boolean wellTyped;

    Generator(Random random, boolean wellTyped) {
      this.random = random;
      this.wellTyped = wellTyped;
    }

    String record() {
      List<String> names = new ArrayList<>(TYPE.fields().keySet());
      names.addAll(OTHERS);
      StringBuilder json = new StringBuilder();
      space(json);
      json.append('{');
      int fields = random.nextInt(8);
      Set<String> used = new HashSet<>();
      boolean first = true;
      for (int i = 0; i < fields; i++) {
        String name = names.get(random.nextInt(names.size()));
        if (wellTyped && !used.add(name)) {
          continue;
        }
        if (!first) {
          json.append(',');
        }
        first = false;
        space(json);
        json.append(wellTyped || random.nextInt(20) > 0 ? quote(name) : escapedName(name));
        space(json);
        json.append(':');
        space(json);
        json.append(
            wellTyped ? valueOf(name) : random.nextInt(4) == 0 ? anyValue(2) : valueOf(name));
        space(json);
      }
      json.append('}');
      space(json);
      if (wellTyped || random.nextInt(10) > 0) {
        return json.toString();
      }
      return switch (random.nextInt(3)) {
        case 0 -> json.substring(0, random.nextInt(json.length()));
        case 1 -> {
          int at = random.nextInt(json.length() + 1);
          yield json.substring(0, at)
              + "\"{}[],:x0 ".charAt(random.nextInt(10))
              + json.substring(at);
        }
        default -> json + "1";
      };
    }

    /** A value of the field's type, if it has one. */
    private String valueOf(String name) {
      FieldType type = TYPE.fields().get(name);
      if (type == null) {
        return anyValue(2);
      }
      if (random.nextInt(8) == 0) {
        return "null";
      }
      return switch (type.name()) {
        case "string" -> string();
        case "int" -> Long.toString(integer());
        case "double" -> random.nextBoolean() ? Long.toString(integer()) : fraction();
        case "bool" -> Boolean.toString(random.nextBoolean());
        case "timestamp" ->
            random.nextBoolean()
                ? Long.toString(integer())
                : "\"2024-05-0" + (1 + random.nextInt(9)) + "T12:00:00Z\"";
        case "bytes" -> random.nextBoolean() ? "\"aGk=\"" : "\"\"";
        case "list<double>" -> list(() -> random.nextBoolean() ? fraction() : "7");
        case "map<string,int>" -> "{\"k\":" + integer() + ",\"j\":2.0}";
        default -> anyValue(2);
      };
    }

    private String anyValue(int depth) {
      int kind = random.nextInt(depth > 0 ? 8 : 6);
      return switch (kind) {
        case 0 -> string();
        case 1 -> Long.toString(integer());
        case 2 -> fraction();
        case 3 -> Boolean.toString(random.nextBoolean());
        case 4 -> "null";
        case 5 -> random.nextBoolean() ? "-0" : "0";
        case 6 -> list(() -> anyValue(depth - 1));
        default -> {
          StringBuilder object = new StringBuilder("{");
          int fields = random.nextInt(3);
          for (int i = 0; i < fields; i++) {
            object.append(i > 0 ? "," : "").append(quote(OTHERS.get(random.nextInt(3))));
            object.append(':').append(anyValue(depth - 1));
          }
          yield object.append('}').toString();
        }
      };
    }

    private String list(Supplier<String> element) {
      StringBuilder list = new StringBuilder("[");
      int elements = random.nextInt(4);
      for (int i = 0; i < elements; i++) {
        list.append(i > 0 ? "," : "");
        space(list);
        list.append(element.get());
        space(list);
      }
      return list.append(']').toString();
    }

    private long integer() {
      return switch (random.nextInt(4)) {
        case 0 -> random.nextInt(100);
        case 1 -> random.nextLong();
        case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        default -> random.nextInt();
      };
    }

    private String fraction() {
      double d;
      do {
        d = Double.longBitsToDouble(random.nextLong());
      } while (!Double.isFinite(d));
      return switch (random.nextInt(4)) {
        case 0 -> Double.toString(d);
        case 1 -> String.format(Locale.ROOT, "%.6f", random.nextDouble() * 1e4);
        case 2 ->
            (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "e" + random.nextInt(30);
        default -> random.nextInt(100) + "." + random.nextInt(100);
      };
    }

    /** A string of printable ASCII and DEL, other letters, emoji and escapes. */
    private String string() {
      StringBuilder text = new StringBuilder("\"");
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(
            switch (random.nextInt(10)) {
              case 0 -> "é€ß";
              case 1 -> "😀";
              case 2 -> "\\n\\\"\\\\\\/\\t\\b\\f\\r";
              case 3 -> String.format(Locale.ROOT, "\\u%04x", random.nextInt(0x10000));
              case 4 -> random.nextBoolean() ? "\\ud83d\\ude00" : "\\uD83D";
              default -> String.valueOf(PRINTABLE.charAt(random.nextInt(PRINTABLE.length())));
            });
      }
      return text.append('"').toString();
    }

    private static String quote(String name) {
      return "\"" + name + "\"";
    }

    private static String escapedName(String name) {
      return name.isEmpty()
          ? "\"\""
          : String.format(Locale.ROOT, "\"\\u%04x%s\"", (int) name.charAt(0), name.substring(1));
    }

    private void space(StringBuilder json) {
      if (random.nextInt(3) == 0) {
        json.append(" \t\r\n".charAt(random.nextInt(4)));
      }
    }
  }
}
