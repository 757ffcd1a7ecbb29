package dev.tributary.controlplane.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The latest records of some topics, read by an assigned consumer ({@link KafkaReads}).
 *
 * <p>Which partition holds a topic's newest records is unknown, so every partition is read from its
 * end minus the count, and further back where transaction markers or aborted records left fewer
 * records in that stretch; the newest of those by timestamp are kept. The beginning and end offsets
 * of all partitions of all topics are fetched in one request each, and reading stops at the
 * deadline with what was read.
 */
public final class LatestRecords {

  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * @param records each topic's latest records, oldest first; empty for a topic that does not exist
   * @param missing the topics that do not exist
   * @param complete false when the deadline came before every partition was read to its end
   */
  public record Read(
      Map<String, List<ConsumerRecord<byte[], byte[]>>> records,
      Set<String> missing,
      boolean complete) {}

  private LatestRecords() {}

  /** Up to {@code count} latest records of each topic. */
  public static Read read(
      KafkaConsumer<byte[], byte[]> consumer,
      Collection<String> topics,
      int count,
      Instant deadline) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
    Set<String> missing = new HashSet<>();
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      records.put(topic, new ArrayList<>());
      var infos = consumer.partitionsFor(topic, remaining(deadline));
      if (infos.isEmpty()) {
        missing.add(topic);
      }
      infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    if (partitions.isEmpty()) {
      return new Read(records, missing, true);
    }
    Map<TopicPartition, Long> beginnings =
        consumer.beginningOffsets(partitions, remaining(deadline));
    // under read_committed, the last stable offsets: open transactions are not waited for
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
    Map<TopicPartition, Integer> found = new HashMap<>();
    Map<TopicPartition, Long> upTo = new HashMap<>();
    for (TopicPartition partition : partitions) {
      if (ends.getOrDefault(partition, 0L) > beginnings.getOrDefault(partition, 0L)) {
        upTo.put(partition, ends.get(partition));
        found.put(partition, 0);
      }
    }
    boolean complete = true;
    // Transaction markers and aborted records take offsets too, so the last `count` offsets may
    // hold fewer records: each further round reads an earlier stretch, twice what is missing.
    while (!upTo.isEmpty()) {
      Map<TopicPartition, Long> from = new HashMap<>();
      upTo.forEach(
          (partition, end) -> {
            int lacking = count - found.get(partition);
            long size = found.get(partition) == 0 ? count : 2L * lacking;
            from.put(partition, Math.max(beginnings.getOrDefault(partition, 0L), end - size));
          });
      if (!readStretches(consumer, from, upTo, records, found, deadline)) {
        complete = false;
        break;
      }
      from.forEach(
          (partition, start) -> {
            if (found.get(partition) >= count || start <= beginnings.getOrDefault(partition, 0L)) {
              upTo.remove(partition);
            } else {
              upTo.put(partition, start);
            }
          });
    }
    Comparator<ConsumerRecord<byte[], byte[]>> byTime =
        Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);
    records.replaceAll(
        (topic, read) -> {
          List<ConsumerRecord<byte[], byte[]>> sorted = read.stream().sorted(byTime).toList();
          return sorted.subList(Math.max(0, sorted.size() - count), sorted.size());
        });
    return new Read(records, missing, complete);
  }

  /**
   * Reads each partition from {@code from} up to (not including) {@code upTo}; false when the
   * deadline came first.
   */
  private static boolean readStretches(
      KafkaConsumer<byte[], byte[]> consumer,
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> upTo,
      Map<String, List<ConsumerRecord<byte[], byte[]>>> records,
      Map<TopicPartition, Integer> found,
      Instant deadline) {
    Map<TopicPartition, Long> unread = new HashMap<>(upTo);
    consumer.assign(from.keySet());
    from.forEach(consumer::seek);
    consumer.resume(consumer.assignment());
    while (!unread.isEmpty() && Instant.now().isBefore(deadline)) {
      Duration wait = remaining(deadline);
      for (ConsumerRecord<byte[], byte[]> record :
          consumer.poll(wait.compareTo(POLL) < 0 ? wait : POLL)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Long end = upTo.get(partition);
        if (end != null && record.offset() < end) {
          records.get(record.topic()).add(record);
          found.merge(partition, 1, Integer::sum);
        }
      }
      unread
          .entrySet()
          .removeIf(
              entry -> consumer.position(entry.getKey(), remaining(deadline)) >= entry.getValue());
      // a partition read to the end of its stretch fetches no more
      consumer.pause(
          consumer.assignment().stream().filter(done -> !unread.containsKey(done)).toList());
    }
    return unread.isEmpty();
  }

  /** The time left until the deadline, never negative. */
  public static Duration remaining(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
