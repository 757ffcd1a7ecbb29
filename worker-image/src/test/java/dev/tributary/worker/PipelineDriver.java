package dev.tributary.worker;

import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.deadletter.DeadLetterCounter;
import dev.tributary.worker.topology.TopologyCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A pipeline document compiled and run in {@link TopologyTestDriver}: pipe JSON text into its
 * topics with explicit timestamps, read exactly what it wrote.
 */
public final class PipelineDriver implements AutoCloseable {

  /** Epoch milliseconds of a fixed, readable instant that tests count from. */
  public static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  private final ValidatedPipeline pipeline;
  private final DeadLetterCounter deadLetterCounter = new DeadLetterCounter();
  private final TopologyTestDriver driver;
  private final Path stateDir;

  private PipelineDriver(String document) {
    this.pipeline = PipelineValidator.validate(document).orThrow();
    try {
      Path target = Files.createDirectories(Path.of("target", "state"));
      this.stateDir = Files.createTempDirectory(target, "driver");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.driver =
        new TopologyTestDriver(
            TopologyCompiler.compile(pipeline, deadLetterCounter), properties(stateDir));
  }

  public static PipelineDriver of(String document) {
    return new PipelineDriver(document);
  }

  /** The pipeline document in this file, such as one of the examples ({@link Examples}). */
  public static PipelineDriver fromFile(Path document) {
    try {
      return new PipelineDriver(Files.readString(document));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pipes one record whose value is JSON text (null for a tombstone). */
  public PipelineDriver pipe(String topic, String key, String json, long timestampMillis) {
    TestInputTopic<String, String> input =
        driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    input.pipeInput(key, json, timestampMillis);
    return this;
  }

  public PipelineDriver pipeBytes(String topic, String key, byte[] value, long timestampMillis) {
    TestInputTopic<String, byte[]> input =
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    input.pipeInput(key, value, timestampMillis);
    return this;
  }

  /** Everything written to the topic since the last read, as key and JSON text. */
  public List<KeyValue<String, String>> read(String topic) {
    TestOutputTopic<String, String> output =
        driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    return output.readKeyValuesToList();
  }

  /** Everything written to the dead-letter topic since the last read. */
  public List<TestRecord<String, byte[]>> readDeadLetters() {
    TestOutputTopic<String, byte[]> output =
        driver.createOutputTopic(
            pipeline.deadLetterTopic(), new StringDeserializer(), new ByteArrayDeserializer());
    return output.readRecordsToList();
  }

  public ValidatedPipeline pipeline() {
    return pipeline;
  }

  public DeadLetterCounter deadLetterCounter() {
    return deadLetterCounter;
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Properties properties(Path stateDir) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Every update reaches the output, not only what the record cache lets through.
    properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // Emit-final and outer-join results are throttled by wall-clock time, which stands still in
    // the test driver; without a throttle they come out as soon as stream time allows.
    properties.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
    properties.put(
        StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
    return properties;
  }
}
