package dev.tributary.worker.deadletter;

import static dev.tributary.worker.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.worker.PipelineDriver;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static final String PIPELINE =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: Pipeline
      metadata: {name: ratios, team: t}
      spec:
        sources:
          - name: counts
            topic: t.counts
            fields: {id: string, hits: int, misses: int, weight: double}
        steps:
          - name: ratio
            input: counts
            select: {id: id, ratio: hits / misses}
        sinks:
          - {name: out, input: ratio, topic: t.ratios}
      """;

  @Test
  void malformedJsonIsDeadLetteredWithItsBytesAndProcessingContinues() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      byte[] garbage = "{\"id\": oops".getBytes(StandardCharsets.UTF_8);
      pipeline
          .pipeBytes("t.counts", "k1", garbage, T0)
          .pipe("t.counts", "k2", "{\"id\":\"b\",\"hits\":6,\"misses\":3}", T0);

      TestRecord<String, byte[]> dead = single(pipeline);
      assertThat(dead.key()).isEqualTo("k1");
      assertThat(dead.value()).isEqualTo(garbage);
      assertThat(headers(dead))
          .containsEntry(DeadLetterHeaders.PIPELINE, "ratios")
          .containsEntry(DeadLetterHeaders.STEP, "counts")
          .containsEntry(DeadLetterHeaders.TOPIC, "t.counts")
          .containsEntry(DeadLetterHeaders.PARTITION, "0")
          .containsEntry(DeadLetterHeaders.OFFSET, "0");
      assertThat(headers(dead).get(DeadLetterHeaders.ERROR))
          .startsWith("the value is not valid JSON: Unrecognized token 'oops'");
      assertThat(pipeline.read("t.ratios"))
          .containsExactly(KeyValue.pair("k2", "{\"id\":\"b\",\"ratio\":2}"));
    }
  }

  @Test
  void valueThatIsNotAnObjectIsDeadLettered() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      pipeline.pipe("t.counts", "k1", "[1, 2]", T0);

      assertThat(headers(single(pipeline)))
          .containsEntry(DeadLetterHeaders.ERROR, "the value is not a JSON object: a JSON array");
    }
  }

  @Test
  void fieldOfTheWrongTypeIsDeadLettered() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      pipeline.pipe("t.counts", "k1", "{\"id\":\"a\",\"weight\":\"heavy\"}", T0);

      assertThat(headers(single(pipeline)))
          .containsEntry(DeadLetterHeaders.ERROR, "field 'weight' is \"heavy\", not a double");
    }
  }

  @Test
  void recordWithoutValueIsDeadLettered() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      pipeline.pipe("t.counts", "k1", null, T0);

      TestRecord<String, byte[]> dead = single(pipeline);
      assertThat(dead.value()).isNull();
      assertThat(headers(dead)).containsEntry(DeadLetterHeaders.ERROR, "the record has no value");
    }
  }

  @Test
  void divisionByZeroIsDeadLetteredWithTheStepsInput() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      pipeline
          .pipe("t.counts", "k1", "{\"id\":\"a\",\"hits\":1,\"misses\":0}", T0)
          .pipe("t.counts", "k2", "{\"id\":\"b\",\"hits\":6,\"misses\":3}", T0);

      TestRecord<String, byte[]> dead = single(pipeline);
      assertThat(dead.key()).isEqualTo("k1");
      assertThat(new String(dead.value(), StandardCharsets.UTF_8))
          .isEqualTo("{\"id\":\"a\",\"hits\":1,\"misses\":0}");
      assertThat(headers(dead))
          .containsEntry(DeadLetterHeaders.PIPELINE, "ratios")
          .containsEntry(DeadLetterHeaders.STEP, "ratio")
          .containsEntry(DeadLetterHeaders.ERROR, "expression 'hits / misses' failed: / by zero");
      assertThat(pipeline.read("t.ratios"))
          .containsExactly(KeyValue.pair("k2", "{\"id\":\"b\",\"ratio\":2}"));
    }
  }

  @Test
  void missingFieldIsDeadLettered() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      pipeline.pipe("t.counts", "k1", "{\"id\":\"a\",\"hits\":1}", T0);

      assertThat(headers(single(pipeline)))
          .containsEntry(
              DeadLetterHeaders.ERROR,
              "expression 'hits / misses' needs field 'misses', which the record does not have");
      assertThat(pipeline.read("t.ratios")).isEmpty();
    }
  }

  @Test
  void deadLetteredRecordsAreCountedPerStepAndInStreamsMetrics() {
    try (PipelineDriver pipeline = PipelineDriver.of(PIPELINE)) {
      pipeline
          .pipeBytes("t.counts", "k1", new byte[] {1, 2, 3}, T0)
          .pipe("t.counts", "k2", "{\"id\":\"a\",\"hits\":1,\"misses\":0}", T0)
          .pipe("t.counts", "k3", "{\"id\":\"a\",\"hits\":1,\"misses\":0}", T0);

      assertThat(pipeline.deadLetterCounter().byStep())
          .containsExactly(Map.entry("counts", 1L), Map.entry("ratio", 2L));
      assertThat(pipeline.deadLetterCounter().total()).isEqualTo(3);
      assertThat(metric(pipeline, "dead-letter-total")).isEqualTo(3.0);
    }
  }

  @Test
  void otherStepsReadingTheSameInputKeepItsOwnHeaders() {
    try (PipelineDriver pipeline =
        PipelineDriver.of(
            PIPELINE.replace(
                "  sinks:\n", "  sinks:\n    - {name: copy, input: counts, topic: t.copy}\n"))) {
      TestRecord<String, String> input =
          new TestRecord<>("k1", "{\"id\":\"a\",\"hits\":1,\"misses\":0}");
      input.headers().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
      pipeline
          .driver()
          .createInputTopic("t.counts", new StringSerializer(), new StringSerializer())
          .pipeInput(input);

      assertThat(headers(single(pipeline)))
          .containsEntry("trace", "t-1")
          .containsKey(DeadLetterHeaders.ERROR);
      assertThat(
              pipeline
                  .driver()
                  .createOutputTopic("t.copy", new StringDeserializer(), new StringDeserializer())
                  .readRecord()
                  .headers()
                  .toArray())
          .extracting(Header::key)
          .containsExactly("trace");
    }
  }

  private static Object metric(PipelineDriver pipeline, String name) {
    for (Map.Entry<MetricName, ? extends Metric> metric : pipeline.driver().metrics().entrySet()) {
      if (metric.getKey().name().equals(name)
          && metric.getKey().group().equals("stream-tributary-metrics")
          && "ratios".equals(metric.getKey().tags().get("tributary-id"))) {
        return metric.getValue().metricValue();
      }
    }
    return null;
  }

  private static TestRecord<String, byte[]> single(PipelineDriver pipeline) {
    var dead = pipeline.readDeadLetters();
    assertThat(dead).hasSize(1);
    return dead.get(0);
  }

  private static Map<String, String> headers(TestRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
