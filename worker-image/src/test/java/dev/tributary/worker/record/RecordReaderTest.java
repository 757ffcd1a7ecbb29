package dev.tributary.worker.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tributary.pipeline.expr.FieldType;
import dev.tributary.pipeline.expr.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
  void fractionalIntIsRejected() {
    assertThatThrownBy(() -> read(type("n", "int"), "{\"n\":1.5}"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("field 'n' is 1.5, not an int");
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThatThrownBy(() -> read(type("n", "int"), "{\"n\":1} {"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("the value is not valid JSON");
  }
}
