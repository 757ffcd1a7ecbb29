package dev.tributary.controlplane.deadletter;

import dev.tributary.controlplane.kafka.KafkaReads;
import dev.tributary.controlplane.kafka.LatestRecords;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.worker.deadletter.DeadLetterHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the latest records of a dead-letter topic, as the workers' {@code DeadLetters} write them:
 * the failed record's key and value, with headers naming the step, the error and the source.
 *
 * <p>The read is {@link LatestRecords}', bounded by {@link KafkaReads#timeout()}.
 */
@ApplicationScoped
public class DeadLetterReader {

  static final int PAYLOAD_PREVIEW_BYTES = 16_384;

  @Inject KafkaReads reads;

  public DeadLetterList latest(String topic, int limit) {
    Instant deadline = Instant.now().plus(reads.timeout());
    try (KafkaConsumer<byte[], byte[]> consumer = reads.consumer("dead-letters")) {
      // a topic that does not exist yet has no records: the deploy target creates it
      LatestRecords.Read read = LatestRecords.read(consumer, List.of(topic), limit, deadline);
      List<DeadLetterView> newest =
          read.records().get(topic).reversed().stream().map(DeadLetterReader::view).toList();
      return new DeadLetterList(topic, newest, read.complete());
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw Problems.kafkaUnavailable(
          "Kafka did not answer within " + reads.timeout().toSeconds() + " s; retry later");
    } catch (KafkaException e) {
      throw Problems.kafkaUnavailable("Kafka refused the read: " + e.getMessage());
    }
  }

  private static DeadLetterView view(ConsumerRecord<byte[], byte[]> record) {
    Headers headers = record.headers();
    byte[] value = record.value();
    String topic = text(headers, DeadLetterHeaders.TOPIC);
    DeadLetterView.Source source =
        topic == null
            ? null
            : new DeadLetterView.Source(
                topic,
                number(headers, DeadLetterHeaders.PARTITION, Integer::valueOf),
                number(headers, DeadLetterHeaders.OFFSET, Long::valueOf));
    return new DeadLetterView(
        Instant.ofEpochMilli(record.timestamp()),
        record.partition(),
        record.offset(),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        text(headers, DeadLetterHeaders.STEP),
        text(headers, DeadLetterHeaders.ERROR),
        source,
        value == null
            ? null
            : new String(
                value, 0, Math.min(value.length, PAYLOAD_PREVIEW_BYTES), StandardCharsets.UTF_8),
        value == null ? 0 : value.length,
        value != null && value.length > PAYLOAD_PREVIEW_BYTES);
  }

  private static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static <N> N number(Headers headers, String name, Function<String, N> parse) {
    String text = text(headers, name);
    try {
      return text == null ? null : parse.apply(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
