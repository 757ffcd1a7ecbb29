package dev.tributary.controlplane.preview;

import dev.tributary.controlplane.deadletter.DeadLetterView;
import dev.tributary.controlplane.kafka.KafkaReads;
import dev.tributary.controlplane.kafka.LatestRecords;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import dev.tributary.worker.topology.TopologyCompiler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs a validated pipeline on the latest records of its input topics, in Kafka Streams' {@link
 * TopologyTestDriver}: the topology the workers run ({@link TopologyCompiler}), with no broker
 * behind it. Nothing is written to Kafka, no consumer group is joined, no topic is created.
 *
 * <p>Tables are fed first, so that the sources' records find what the tables held; then the
 * sources' records, merged by timestamp. Windows close and punctuations fire only as stream time
 * advances with the records, as in the workers: wall-clock time does not move during a preview.
 */
@ApplicationScoped
public class PipelinePreviewer {

  static final int VALUE_PREVIEW_BYTES = 16_384;

  @Inject KafkaReads reads;

  public PreviewView preview(ValidatedPipeline pipeline, int count) {
    Set<String> tables = new LinkedHashSet<>();
    pipeline.spec().tablesOrEmpty().stream().map(TableSpec::topic).forEach(tables::add);
    Set<String> sources = new LinkedHashSet<>();
    pipeline.spec().sourcesOrEmpty().stream()
        .map(SourceSpec::topic)
        .filter(topic -> !tables.contains(topic))
        .forEach(sources::add);
    List<String> topics = new ArrayList<>(tables);
    topics.addAll(sources);

    LatestRecords.Read read = read(topics, count);

    Path stateDir = stateDir();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            TopologyCompiler.compile(pipeline), properties(pipeline, stateDir))) {
      // the records piped into each topic, by the offset the driver gives them (from 0)
      Map<String, List<ConsumerRecord<byte[], byte[]>>> piped = new HashMap<>();
      Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
      for (String topic : topics) {
        piped.put(topic, new ArrayList<>());
        inputs.put(
            topic,
            driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
      }
      for (String topic : tables) {
        read.records().get(topic).forEach(record -> pipe(inputs, piped, record));
      }
      sources.stream()
          .flatMap(topic -> read.records().get(topic).stream())
          .sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
          .forEach(record -> pipe(inputs, piped, record));

      Map<String, List<PreviewView.Record>> written = new HashMap<>();
      List<PreviewView.Sink> sinks = new ArrayList<>();
      for (SinkSpec sink : pipeline.spec().sinksOrEmpty()) {
        List<PreviewView.Record> records =
            written.computeIfAbsent(
                sink.topic(),
                topic ->
                    driver
                        .createOutputTopic(
                            topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList()
                        .stream()
                        .map(PipelinePreviewer::record)
                        .toList());
        sinks.add(new PreviewView.Sink(sink.name(), sink.topic(), records));
      }
      List<PreviewView.DeadLetter> deadLetters =
          driver
              .createOutputTopic(
                  pipeline.deadLetterTopic(),
                  new ByteArrayDeserializer(),
                  new ByteArrayDeserializer())
              .readRecordsToList()
              .stream()
              .map(record -> deadLetter(record, piped))
              .toList();
      List<PreviewView.Input> fed =
          topics.stream()
              .map(
                  topic ->
                      new PreviewView.Input(
                          topic,
                          tables.contains(topic) ? "table" : "source",
                          piped.get(topic).size(),
                          !read.missing().contains(topic)))
              .toList();
      return new PreviewView(count, fed, sinks, deadLetters, read.complete());
    } finally {
      delete(stateDir);
    }
  }

  private LatestRecords.Read read(List<String> topics, int count) {
    Instant deadline = Instant.now().plus(reads.timeout());
    try (KafkaConsumer<byte[], byte[]> consumer = reads.consumer("preview")) {
      return LatestRecords.read(consumer, topics, count, deadline);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw Problems.kafkaUnavailable(
          "Kafka did not answer within " + reads.timeout().toSeconds() + " s; retry later");
    } catch (KafkaException e) {
      throw Problems.kafkaUnavailable("Kafka refused the read: " + e.getMessage());
    }
  }

  private static void pipe(
      Map<String, TestInputTopic<byte[], byte[]>> inputs,
      Map<String, List<ConsumerRecord<byte[], byte[]>>> piped,
      ConsumerRecord<byte[], byte[]> record) {
    inputs
        .get(record.topic())
        .pipeInput(
            new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp()));
    piped.get(record.topic()).add(record);
  }

  private static PreviewView.DeadLetter deadLetter(
      TestRecord<byte[], byte[]> record, Map<String, List<ConsumerRecord<byte[], byte[]>>> piped) {
    Headers headers = record.headers();
    String topic = text(headers, DeadLetterHeaders.TOPIC);
    DeadLetterView.Source source = null;
    if (topic != null) {
      // the driver numbers each input topic's records from 0 in the order they were piped
      List<ConsumerRecord<byte[], byte[]>> fed = piped.get(topic);
      String offset = text(headers, DeadLetterHeaders.OFFSET);
      long index = offset == null ? -1 : Long.parseLong(offset);
      source =
          fed != null && index >= 0 && index < fed.size()
              ? new DeadLetterView.Source(
                  topic, fed.get((int) index).partition(), fed.get((int) index).offset())
              : new DeadLetterView.Source(topic, null, null);
    }
    return new PreviewView.DeadLetter(
        text(headers, DeadLetterHeaders.STEP),
        text(headers, DeadLetterHeaders.ERROR),
        source,
        record(record));
  }

  private static PreviewView.Record record(TestRecord<byte[], byte[]> record) {
    byte[] value = record.value();
    return new PreviewView.Record(
        record.getRecordTime(),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        value == null
            ? null
            : new String(
                value, 0, Math.min(value.length, VALUE_PREVIEW_BYTES), StandardCharsets.UTF_8),
        value == null ? 0 : value.length,
        value != null && value.length > VALUE_PREVIEW_BYTES);
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Properties properties(ValidatedPipeline pipeline, Path stateDir) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
    // the driver connects to no broker; the setting is required all the same
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "preview.invalid:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // every update reaches the output, not only what the record cache lets through
    properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // emit-final and outer-join results are throttled by wall-clock time, which stands still in
    // the driver; without a throttle they come out as soon as stream time allows
    properties.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
    properties.put(
        StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX, 0L);
    return properties;
  }

  private static Path stateDir() {
    try {
      return Files.createTempDirectory("tributary-preview-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
