package dev.tributary.worker.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordJson#write} writes the bytes of Jackson's generator ({@link
 * RecordJson#writeWithGenerator}), for maps and projections, whether {@link JsonWriter} writes them
 * or leaves them to the generator.
 */
class JsonWriterTest {

  /** Characters at the edges of each escape and encoding, surrogates paired and not. */
  private static final List<String> PIECES =
      List.of(
          "plain",
          "",
          "\"",
          "\\",
          "/",
          "\u0000",
          "\u0001",
          "\b",
          "\t",
          "\n",
          "\u000b",
          "\f",
          "\r",
          "\u001f",
          " ",
          "~",
          "\u007f",
          "\u0080",
          "é",
          "\u07ff",
          "\u0800",
          "€",
          "\u2028",
          "\ud7ff",
          "\ue000",
          "\ufeff",
          "\uffff",
          "😀",
          "\ud800\udc00",
          "\udbff\udfff",
          "\ud83d",
          "\ude00",
          "\ude00\ud83d");

  private static final List<Object> VALUES =
      List.of(
          0L,
          -1L,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          1_764_000_000_000L,
          0.0,
          -0.0,
          1.0,
          123.45,
          0.1,
          1e7,
          1e-3,
          9.999999e-4,
          1e308,
          Double.MAX_VALUE,
          Double.MIN_VALUE,
          Double.MIN_NORMAL,
          4.9e-324,
          1e22,
          1e23,
          true,
          false);

  @Test
  void recordsOfPlainValuesAreWrittenAsByTheGenerator() {
    Random random = new Random(20_261_207);
    for (int i = 0; i < 3000; i++) {
      Map<String, Object> record = new LinkedHashMap<>();
      int fields = random.nextInt(12);
      for (int f = 0; f < fields; f++) {
        record.put(text(random), plainValue(random));
      }

      assertThat(JsonWriter.write(record)).as("written without the generator").isNotNull();
      assertWrittenAsByTheGenerator(record);
    }
  }

  @Test
  void projectionsAreWrittenAsByTheGenerator() {
    Random random = new Random(1_764_000_000);
    for (int i = 0; i < 1000; i++) {
      int fields = 1 + random.nextInt(8);
      List<String> names = new ArrayList<>();
      while (names.size() < fields) {
        String name = text(random);
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      Object[] values = new Object[fields];
      for (int f = 0; f < fields; f++) {
        values[f] = random.nextInt(5) == 0 ? Projection.ABSENT : plainValue(random);
      }
      Projection record =
          new Projection(new Projection.Layout(names.toArray(String[]::new)), values);

      if (names.stream().allMatch(JsonWriterTest::isUtf16)) {
        assertThat(JsonWriter.write(record)).as("written without the generator").isNotNull();
      }
      assertWrittenAsByTheGenerator(record);
    }
  }

  @Test
  void recordsWithOtherValuesAreLeftToTheGenerator() {
    List<Object> others =
        List.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            List.of("a", 1L),
            Map.of("k", 2.5),
            ByteString.copyFrom(new byte[] {0, 1, (byte) 255}),
            1,
            1.5f,
            new BigDecimal("1.50"),
            "x".repeat((1 << 20) + 1));
    for (Object other : others) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("before", "v");
      record.put("other", other);
      record.put("after", 1L);
      Projection projection =
          new Projection(
              new Projection.Layout(new String[] {"before", "other", "after"}),
              new Object[] {"v", other, 1L});

      assertThat(JsonWriter.write(record)).isNull();
      assertThat(JsonWriter.write(projection)).isNull();
      assertWrittenAsByTheGenerator(record);
      assertWrittenAsByTheGenerator(projection);
    }
  }

  @Test
  void aLargeRecordAndTheNextAreWrittenWhole() {
    Map<String, Object> large = new LinkedHashMap<>();
    for (int i = 0; i < 2000; i++) {
      large.put("field-" + i, "é".repeat(i % 50) + "\u0001😀");
    }
    Map<String, Object> small = new LinkedHashMap<>();
    small.put("k", "v");

    assertWrittenAsByTheGenerator(large);
    assertWrittenAsByTheGenerator(small);
    assertThat(RecordJson.write(small)).isEqualTo(utf8("{\"k\":\"v\"}"));
  }

  @Test
  void theBenchmarksSelectIsWrittenAsByTheGenerator() {
    Projection record =
        new Projection(
            new Projection.Layout(new String[] {"txId", "amount", "currency", "country", "ts"}),
            new Object[] {"tx-000001", 123.45, "EUR", "DE", 1_764_000_000_000L});

    assertThat(new String(RecordJson.write(record), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"txId\":\"tx-000001\",\"amount\":123.45,\"currency\":\"EUR\",\"country\":\"DE\","
                + "\"ts\":1764000000000}");
    assertWrittenAsByTheGenerator(record);
  }

  /**
   * A projection's names are encoded as the generator writes them: a pair of surrogates in UTF-8,
   * unlike a map's names, and a lone surrogate refused, as it always was.
   */
  @Test
  void aProjectionsNamesAreWrittenAsTheGeneratorWritesThem() {
    Projection paired =
        new Projection(new Projection.Layout(new String[] {"😀", "é"}), new Object[] {1L, "😀"});
    Projection lone =
        new Projection(new Projection.Layout(new String[] {"a\ud83d"}), new Object[] {1L});

    assertThat(new String(RecordJson.write(paired), StandardCharsets.UTF_8))
        .isEqualTo("{\"😀\":1,\"é\":\"\\uD83D\\uDE00\"}");
    assertThat(JsonWriter.write(lone)).isNull();
    assertWrittenAsByTheGenerator(paired);
    assertWrittenAsByTheGenerator(lone);
  }

  /** The same bytes as the generator's, or the same failure. */
  private static void assertWrittenAsByTheGenerator(Map<String, Object> record) {
    String generated = written(() -> RecordJson.writeWithGenerator(record));

    assertThat(written(() -> RecordJson.write(record))).isEqualTo(generated);
  }

  /** The bytes written, one char each, or the failure. */
  private static String written(Supplier<byte[]> writing) {
    try {
      return new String(writing.get(), StandardCharsets.ISO_8859_1);
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static boolean isUtf16(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static Object plainValue(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> text(random);
      case 2 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(1000);
      case 3 -> {
        double d = Double.longBitsToDouble(random.nextLong());
        yield Double.isFinite(d) ? d : random.nextDouble() * 1e6;
      }
      default -> VALUES.get(random.nextInt(VALUES.size()));
    };
  }

  /** A string of the pieces above, some at random, some from the whole range of chars. */
  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      text.append(
          random.nextInt(4) == 0
              ? String.valueOf((char) random.nextInt(0x10000))
              : PIECES.get(random.nextInt(PIECES.size())));
    }
    return text.toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
