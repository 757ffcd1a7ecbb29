package dev.tributary.runtime.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the offsets of all groups at once, with one batched Admin call of each kind whatever the
 * number of groups and partitions: describe the topics (their partitions), then together list the
 * groups' committed offsets, list the topics' end offsets under read_committed and describe the
 * groups (their members). The Admin client groups each call into one request per broker
 * (coordinator or partition leader), so the cost grows with the brokers, not with the groups.
 * Failures are per group or partition and end up in {@link OffsetSnapshot#problems()}.
 */
public final class OffsetReader {

  private final Admin admin;
  private final Duration timeout;

  public OffsetReader(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * @param inputTopicsByGroup for each consumer group, the topics whose lag it has
   * @param outputTopics topics whose end offsets are wanted too (sinks, for throughput out)
   */
  public OffsetSnapshot read(Map<String, Set<String>> inputTopicsByGroup, Set<String> outputTopics)
      throws InterruptedException {
    Instant at = Instant.now();
    // One deadline for the whole reading: a broker that does not answer costs one timeout, not
    // one per group.
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> problems = new ArrayList<>();
    Set<String> topics = new HashSet<>(outputTopics);
    inputTopicsByGroup.values().forEach(topics::addAll);
    Map<String, Integer> partitions = describe(topics, problems, deadline);

    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    inputTopicsByGroup.forEach(
        (group, inputs) ->
            specs.put(
                group,
                new ListConsumerGroupOffsetsSpec()
                    .topicPartitions(
                        inputs.stream()
                            .flatMap(t -> partitions(t, partitions).stream())
                            .toList())));
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    topics.forEach(
        t -> partitions(t, partitions).forEach(tp -> latest.put(tp, OffsetSpec.latest())));

    // The three calls do not depend on each other: they are in flight together.
    ListConsumerGroupOffsetsResult committed =
        specs.isEmpty() ? null : admin.listConsumerGroupOffsets(specs);
    ListOffsetsResult ends =
        latest.isEmpty()
            ? null
            : admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
    DescribeConsumerGroupsResult groups =
        specs.isEmpty() ? null : admin.describeConsumerGroups(specs.keySet());

    Map<TopicPartition, Long> endOffsets = new HashMap<>();
    for (TopicPartition tp : latest.keySet()) {
      try {
        endOffsets.put(tp, await(ends.partitionResult(tp), deadline).offset());
      } catch (ExecutionException | TimeoutException e) {
        problems.add("end offset of " + tp + ": " + message(e));
      }
    }
    Map<String, Map<TopicPartition, Long>> committedByGroup = new HashMap<>();
    Map<String, Integer> members = new HashMap<>();
    for (String group : specs.keySet()) {
      try {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
            await(committed.partitionsToOffsetAndMetadata(group), deadline).entrySet()) {
          if (e.getValue() != null) {
            offsets.put(e.getKey(), e.getValue().offset());
          }
        }
        committedByGroup.put(group, offsets);
      } catch (ExecutionException | TimeoutException e) {
        problems.add("committed offsets of " + group + ": " + message(e));
      }
      try {
        ConsumerGroupDescription description = await(groups.describedGroups().get(group), deadline);
        members.put(group, description.members().size());
      } catch (ExecutionException | TimeoutException e) {
        // A group that never had a member may not exist yet: it has none.
        members.put(group, 0);
      }
    }
    return new OffsetSnapshot(at, partitions, endOffsets, committedByGroup, members, problems);
  }

  private Map<String, Integer> describe(Set<String> topics, List<String> problems, long deadline)
      throws InterruptedException {
    Map<String, Integer> partitions = new HashMap<>();
    if (topics.isEmpty()) {
      return partitions;
    }
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(topics).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : described.entrySet()) {
      try {
        partitions.put(entry.getKey(), await(entry.getValue(), deadline).partitions().size());
      } catch (ExecutionException | TimeoutException e) {
        problems.add("topic " + entry.getKey() + ": " + message(e));
      }
    }
    return partitions;
  }

  private static List<TopicPartition> partitions(String topic, Map<String, Integer> partitions) {
    List<TopicPartition> list = new ArrayList<>();
    for (int p = 0; p < partitions.getOrDefault(topic, 0); p++) {
      list.add(new TopicPartition(topic, p));
    }
    return list;
  }

  private static <T> T await(KafkaFuture<T> future, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
