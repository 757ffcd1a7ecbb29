package dev.tributary.worker.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  @Test
  void recordsAreWrittenAsJacksonWritesTheirMaps() throws Exception {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("txId", "t-1 \"quoted\" \\ é ✓ \u0001");
    record.put("amount", 12.5);
    record.put("count", Long.MIN_VALUE);
    record.put("nan", Double.NaN);
    record.put("infinite", Double.NEGATIVE_INFINITY);
    record.put("tiny", 1e-300);
    record.put("negativeZero", -0.0);
    record.put("flag", false);
    record.put("missing", null);
    record.put("tags", List.of("a", 1L, 2.0));
    record.put("nested", Map.of("k", List.of(Map.of("x", true))));
    record.put("bytes", ByteString.copyFrom(new byte[] {0, 1, (byte) 255}));
    record.put("ünïcode-key", "v");

    byte[] written = RecordJson.write(record);

    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo(new String(jacksonWithTheSameSettings(record), StandardCharsets.UTF_8));
  }

  @Test
  void emptyRecordIsAnEmptyObject() {
    assertThat(RecordJson.write(Map.of())).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
  }

  /** What RecordJson wrote before it wrote fields itself: the mapper's writer on the whole map. */
  private static byte[] jacksonWithTheSameSettings(Map<String, Object> record) throws Exception {
    return JsonMapper.builder()
        .addModule(
            new SimpleModule()
                .addSerializer(
                    ByteString.class,
                    new StdSerializer<>(ByteString.class) {
                      @Override
                      public void serialize(
                          ByteString value, JsonGenerator gen, SerializerProvider provider)
                          throws IOException {
                        gen.writeBinary(value.toByteArray());
                      }
                    }))
        .build()
        .writer()
        .writeValueAsBytes(record);
  }
}
