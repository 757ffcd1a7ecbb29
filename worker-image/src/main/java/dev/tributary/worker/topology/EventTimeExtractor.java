package dev.tributary.worker.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tributary.worker.record.Timestamps;
import java.io.IOException;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A source's event time: the value's event-time field (epoch milliseconds or ISO-8601), read before
 * the record is parsed, so that Kafka Streams orders and windows records by it. Without the field,
 * or when it cannot be read, the Kafka record's timestamp is the event time; a malformed record is
 * then dead-lettered by the source's parse step.
 */
final class EventTimeExtractor implements TimestampExtractor {

  private static final JsonFactory JSON = new JsonFactory();

  private final String field;

  /**
   * @param field the event-time field, or null to use the record timestamp
   */
  EventTimeExtractor(String field) {
    this.field = field;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (field != null && record.value() instanceof byte[] bytes) {
      OptionalLong eventTime = read(bytes);
      if (eventTime.isPresent()) {
        return eventTime.getAsLong();
      }
    }
    // A negative record timestamp makes Kafka Streams drop the record; partition time keeps it.
    return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
  }

  /** Scans the top level of the JSON object for the field, skipping everything else. */
  private OptionalLong read(byte[] bytes) {
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return OptionalLong.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (!field.equals(name)) {
          parser.skipChildren();
          continue;
        }
        return switch (token) {
          case VALUE_NUMBER_INT -> OptionalLong.of(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> Timestamps.toEpochMillis(parser.getDoubleValue());
          case VALUE_STRING -> Timestamps.parse(parser.getText());
          default -> OptionalLong.empty();
        };
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}
