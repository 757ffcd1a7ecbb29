package dev.tributary.worker.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordReaderTest {

  private static RecordType type(String... namesAndTypes) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put(namesAndTypes[i], FieldType.parse(namesAndTypes[i + 1]).orElseThrow());
    }
    return new RecordType(fields);
  }

  private static Map<String, Object> read(RecordType type, String json)
      throws MalformedRecordException {
    return new RecordReader(type).read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void valuesAreCoercedToTheirDeclaredTypesInsideListsAndMaps() throws Exception {
    RecordType type =
        type("prices", "list<double>", "limits", "map<string,int>", "seen", "list<timestamp>");

    Map<String, Object> record =
        read(
            type,
            "{\"prices\":[1,2.5],\"limits\":{\"a\":3.0},"
                + "\"seen\":[\"1970-01-01T00:00:01Z\",5]}");

    assertThat(record)
        .containsEntry("prices", List.of(1.0, 2.5))
        .containsEntry("limits", Map.of("a", 3L))
        .containsEntry("seen", List.of(1000L, 5L));
  }

  @Test
  void undeclaredFieldsPassThroughWithIntegersAsLongs() throws Exception {
    Map<String, Object> record = read(type("a", "string"), "{\"a\":\"x\",\"n\":[1,{\"m\":2}]}");

    assertThat(record).containsEntry("n", List.of(1L, Map.of("m", 2L)));
  }

  @Test
  void bytesAreBase64AndWrittenBackTheSameWay() throws Exception {
    Map<String, Object> record = read(type("b", "bytes"), "{\"b\":\"aGk=\"}");

    assertThat(record).containsEntry("b", ByteString.copyFromUtf8("hi"));
    assertThat(new String(RecordJson.write(record), StandardCharsets.UTF_8))
        .isEqualTo("{\"b\":\"aGk=\"}");
  }

  @Test
  void nonFiniteDoublesSurviveARoundTrip() throws Exception {
    RecordType type = type("d", "double");
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("d", Double.POSITIVE_INFINITY);

    assertThat(new RecordReader(type).read(RecordJson.write(record)))
        .containsEntry("d", Double.POSITIVE_INFINITY);
  }

  @Test
  void doublesAreReadAsDoubleParseDoubleReadsThem() throws Exception {
    RecordType type = type("d", "double");
    RecordReader whole = new RecordReader(type);
    RecordReader partial = RecordReader.reading(type, Set.of("d"));
    Random random = new Random(20261126);
    List<String> texts =
        new ArrayList<>(
            List.of(
                "0.1",
                "2.2250738585072011e-308",
                "4.9e-324",
                "1.7976931348623157e308",
                "9007199254740993.0",
                "123456789.123456789",
                "-0.0",
                "1e23",
                "8.41e21"));
    for (int i = 0; i < 2000; i++) {
      texts.add(Double.toString(Double.longBitsToDouble(random.nextLong())).replace("NaN", "1.5"));
      texts.add(String.format(Locale.ROOT, "%.17g", random.nextDouble() * 1e6));
    }
    for (String text : texts) {
      if (text.contains("Infinity")) {
        continue;
      }
      byte[] json = ("{\"d\":" + text + "}").getBytes(StandardCharsets.UTF_8);
      Double expected = Double.parseDouble(text);

      assertThat(whole.read(json).get("d")).as(text).isEqualTo(expected);
      assertThat(partial.read(json).get("d")).as(text).isEqualTo(expected);
    }
  }

  @Test
  void fractionalIntIsRejected() {
    assertThatThrownBy(() -> read(type("n", "int"), "{\"n\":1.5}"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("field 'n' is 1.5, not an int");
  }

  private static final RecordType EVERY_KIND =
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
          "any");

  /** Records of every kind of field, well-formed and not, for the readings to agree on. */
  static List<String> records() {
    return List.of(
        "{}",
        "{\"s\":\"x\",\"i\":1,\"d\":2.5,\"b\":true,\"t\":5,\"y\":\"aGk=\",\"l\":[1,2.5],"
            + "\"m\":{\"k\":3.0},\"a\":[1,{\"z\":null}],\"extra\":\"kept\"}",
        "{\"d\":1}",
        "{\"d\":-0.0}",
        "{\"d\":1e400}",
        "{\"d\":-1e-400}",
        "{\"d\":\"NaN\"}",
        "{\"d\":123456789012345678901234567890}",
        "{\"d\":1E2}",
        "{\"d\":0.1}",
        "{\"i\":9223372036854775807}",
        "{\"i\":9223372036854775808}",
        "{\"i\":2.0}",
        "{\"i\":1.5}",
        "{\"i\":-0}",
        "{\"i\":\"1\"}",
        "{\"x\":123456789012345678901234567890}",
        "{\"x\":1.0e999}",
        "{\"a\":123456789012345678901234567890}",
        "{\"a\":[1e999]}",
        "{\"t\":\"2024-05-01T12:00:00Z\"}",
        "{\"t\":\"yesterday\"}",
        "{\"t\":1.0}",
        "{\"y\":\"not base64!\"}",
        "{\"b\":\"true\"}",
        "{\"s\":1}",
        "{\"s\":null}",
        "{\"l\":[1,\"x\"]}",
        "{\"m\":[]}",
        "{\"s\":\"\\u00e9\\n\\\"\"}",
        "{\"s\":\"a\",\"s\":\"b\"}",
        "{\"s\":null,\"s\":\"b\"}",
        "{\"i\":\"x\",\"d\":\"y\"}",
        "{\"i\":\"x\",",
        "{\"i\":1} {",
        "{\"i\":1} 2",
        "{\"i\":1}   ",
        "[1, 2]",
        "[1, 2",
        "\"text\"",
        "12",
        "true",
        "null",
        "",
        "  ",
        "{\"i\":1,}",
        "{'i':1}",
        "{\"i\":NaN}",
        "{\"nested\":{\"deep\":[[[{}]]]}}",
        "{\"i\":1}}",
        "{\"x\":[1,{\"y\":123456789012345678901234567890}]}",
        "{\"x\":{\"y\":[1e999,\"s\"]}}",
        "{\"a\":{\"k\":123456789012345678901234567890}}",
        "{\"s\":\"x\",\"x\":[1,2}");
  }

  /** The one-pass reading gives exactly the record, or the error, of the general reading. */
  @ParameterizedTest
  @MethodSource("records")
  void readingInOnePassAgreesWithReadingTheGeneralWay(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    RecordReader reader = new RecordReader(EVERY_KIND);

    assertThat(outcome(() -> reader.read(bytes)))
        .isEqualTo(outcome(() -> reader.readAnyway(bytes)));
  }

  /**
   * A reader of some fields gives exactly those fields of the general reading, or its error: the
   * fields it does not keep are checked all the same.
   */
  @ParameterizedTest
  @MethodSource("records")
  void readingSomeFieldsAgreesWithKeepingThemOfTheGeneralReading(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    RecordReader whole = new RecordReader(EVERY_KIND);
    for (Set<String> kept :
        List.of(
            Set.<String>of(),
            Set.of("s"),
            Set.of("i", "d"),
            Set.of("b", "t", "y"),
            Set.of("l", "m", "a", "extra"),
            EVERY_KIND.fields().keySet())) {
      RecordReader partial = RecordReader.reading(EVERY_KIND, kept);

      assertThat(outcome(() -> partial.read(bytes)))
          .as("keeping %s of %s", kept, json)
          .isEqualTo(outcome(() -> keep(kept, whole.readAnyway(bytes))));
    }
  }

  /** The declared fields among {@code kept} that the record has, in their declared order. */
  private static Map<String, Object> keep(Set<String> kept, Map<String, Object> record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String name : EVERY_KIND.fields().keySet()) {
      if (kept.contains(name) && record.containsKey(name)) {
        fields.put(name, record.get(name));
      }
    }
    return fields;
  }

  @Test
  void aPartialRecordHasNoFieldTheInputLacked() throws Exception {
    RecordReader reader = RecordReader.reading(EVERY_KIND, Set.of("s", "i", "d"));

    Map<String, Object> record =
        reader.read("{\"d\":null,\"s\":\"x\",\"b\":true}".getBytes(StandardCharsets.UTF_8));

    assertThat(record).isInstanceOf(Projection.class);
    assertThat(record).containsOnlyKeys("s", "d").containsEntry("d", null);
    assertThat(record.containsKey("i")).isFalse();
    assertThat(record.containsKey("b")).as("read, not kept").isFalse();
  }

  @Test
  void recordsWithTheirFieldsInAnotherOrderReadTheSame() throws Exception {
    RecordType type = type("n", "int", "s", "string");
    RecordReader whole = new RecordReader(type);
    RecordReader partial = RecordReader.reading(type, Set.of("n"));

    for (String json :
        List.of(
            "{\"n\":1,\"s\":\"a\",\"u\":0}",
            "{\"s\":\"b\",\"n\":2.0,\"u\":0}",
            "{\"u\":\"n\",\"n\":3,\"s\":\"c\"}",
            "{\"n\":4,\"s\":\"d\",\"u\":0}")) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      Map<String, Object> expected = whole.readAnyway(bytes);

      assertThat(whole.read(bytes)).isEqualTo(expected);
      assertThat(partial.read(bytes)).isEqualTo(Map.of("n", expected.get("n")));
    }
  }

  @Test
  void threadsSharingAReaderReadRecordsOfDifferentFieldOrdersRight() throws Exception {
    RecordType type = type("n", "int", "s", "string", "d", "double");
    RecordReader shared = new RecordReader(type);
    RecordReader sharedPartial = RecordReader.reading(type, Set.of("s", "d"));
    List<String> orders =
        List.of(
            "{\"n\":%d,\"s\":\"v%d\",\"d\":%d.5,\"u\":1}",
            "{\"u\":1,\"d\":%3$d.5,\"s\":\"v%2$d\",\"n\":%1$d}",
            "{\"s\":\"v%2$d\",\"u\":1,\"n\":%1$d,\"d\":%3$d.5}");
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    for (String order : orders) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < 20_000; i++) {
                        byte[] bytes = order.formatted(i, i, i).getBytes(StandardCharsets.UTF_8);
                        Map<String, Object> whole = shared.read(bytes);
                        assertThat(whole)
                            .containsEntry("n", (long) i)
                            .containsEntry("s", "v" + i)
                            .containsEntry("d", i + 0.5)
                            .containsEntry("u", 1L);
                        assertThat(sharedPartial.read(bytes))
                            .isEqualTo(Map.of("s", "v" + i, "d", i + 0.5));
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures).isEmpty();
  }

  @Test
  void anOrdinaryRecordIsReadInOnePass() {
    byte[] bytes =
        ("{\"s\":\"x\",\"i\":1,\"d\":2.5,\"l\":[1],\"a\":{\"k\":[true]},\"extra\":null}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(new RecordReader(EVERY_KIND).readWellFormed(bytes)).isNotNull();
  }

  private interface Reading {
    Map<String, Object> read() throws MalformedRecordException;
  }

  /** The record's fields with the class of each value, or the error. */
  private static String outcome(Reading reading) {
    try {
      StringBuilder out = new StringBuilder();
      reading.read().forEach((k, v) -> out.append(k).append('=').append(typed(v)).append(';'));
      return out.toString();
    } catch (MalformedRecordException e) {
      return "malformed: " + e.getMessage();
    }
  }

  private static String typed(Object value) {
    return switch (value) {
      case null -> "null";
      case ByteString bytes -> "ByteString:" + bytes.toStringUtf8();
      case List<?> list -> list.stream().map(RecordReaderTest::typed).toList().toString();
      case Map<?, ?> map -> {
        Map<Object, String> typed = new LinkedHashMap<>();
        map.forEach((k, v) -> typed.put(k, typed(v)));
        yield typed.toString();
      }
      default -> value.getClass().getSimpleName() + ":" + value;
    };
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThatThrownBy(() -> read(type("n", "int"), "{\"n\":1} {"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("the value is not valid JSON");
  }
}
