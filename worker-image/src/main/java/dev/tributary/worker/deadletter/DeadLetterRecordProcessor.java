package dev.tributary.worker.deadletter;

import dev.tributary.worker.record.Projection;
import dev.tributary.worker.record.RecordJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns a failure into the dead-letter record: the input's key and value bytes, with headers naming
 * the pipeline, the step and the error, and where the record was read from.
 */
final class DeadLetterRecordProcessor implements FixedKeyProcessor<String, Object, byte[]> {

  static final String SENSOR_SCOPE = "tributary";
  static final String SENSOR_OPERATION = "dead-letter";

  private final String pipelineName;
  private final byte[] pipeline;
  private final DeadLetterCounter counter;
  private FixedKeyProcessorContext<String, byte[]> context;
  private Sensor sensor;

  DeadLetterRecordProcessor(String pipeline, DeadLetterCounter counter) {
    this.pipelineName = pipeline;
    this.pipeline = pipeline.getBytes(StandardCharsets.UTF_8);
    this.counter = counter;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
    this.sensor =
        context
            .metrics()
            .addRateTotalSensor(
                SENSOR_SCOPE, pipelineName, SENSOR_OPERATION, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(FixedKeyRecord<String, Object> record) {
    Outcome.Failure failure =
        switch (record.value()) {
          case Outcome.Failure f -> f;
          case Outcome<?> outcome -> outcome.failure();
          case null, default -> null;
        };
    if (failure == null) {
      // a value the step passed on to all its children, this one included (DeadLetters.attach)
      return;
    }
    // A copy: the input's headers object is shared with every other step that reads the input.
    Headers headers = new RecordHeaders(record.headers().toArray());
    for (String name :
        new String[] {
          DeadLetterHeaders.PIPELINE, DeadLetterHeaders.STEP, DeadLetterHeaders.ERROR,
          DeadLetterHeaders.TOPIC, DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET
        }) {
      headers.remove(name);
    }
    headers.add(DeadLetterHeaders.PIPELINE, pipeline);
    headers.add(DeadLetterHeaders.STEP, utf8(failure.step()));
    headers.add(DeadLetterHeaders.ERROR, utf8(failure.error()));
    context.recordMetadata().ifPresent(metadata -> source(headers, metadata));
    counter.increment(failure.step());
    sensor.record();
    context.forward(record.withHeaders(headers).withValue(bytes(failure.input())));
  }

  private static void source(Headers headers, RecordMetadata metadata) {
    headers.add(DeadLetterHeaders.TOPIC, utf8(metadata.topic()));
    headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(metadata.partition())));
    headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(metadata.offset())));
  }

  @SuppressWarnings("unchecked")
  private static byte[] bytes(Object input) {
    return switch (input) {
      case null -> null;
      case byte[] raw -> raw;
      // the whole record where a parse kept only the fields the steps read
      case Map<?, ?> fields -> RecordJson.write(Projection.whole((Map<String, Object>) fields));
      default -> utf8(String.valueOf(input));
    };
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
