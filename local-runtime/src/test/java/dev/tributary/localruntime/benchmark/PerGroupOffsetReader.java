package dev.tributary.localruntime.benchmark;

import dev.tributary.runtime.metrics.OffsetSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The baseline the benchmark compares against: what a lag exporter does when it asks about one
 * group at a time — describe its topics, list its committed offsets, list its topics' end offsets,
 * describe its members — four round trips per group, one group after the other.
 */
final class PerGroupOffsetReader {

  private final Admin admin;

  PerGroupOffsetReader(Admin admin) {
    this.admin = admin;
  }

  OffsetSnapshot read(Map<String, Set<String>> inputTopicsByGroup)
      throws ExecutionException, InterruptedException {
    Instant at = Instant.now();
    Map<String, Integer> partitionsByTopic = new HashMap<>();
    Map<TopicPartition, Long> endOffsets = new HashMap<>();
    Map<String, Map<TopicPartition, Long>> committedByGroup = new HashMap<>();
    Map<String, Integer> members = new HashMap<>();
    for (Map.Entry<String, Set<String>> group : inputTopicsByGroup.entrySet()) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (TopicDescription topic :
          admin.describeTopics(group.getValue()).allTopicNames().get().values()) {
        partitionsByTopic.put(topic.name(), topic.partitions().size());
        topic
            .partitions()
            .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      }
      Map<TopicPartition, Long> committed = new HashMap<>();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> offset :
          admin
              .listConsumerGroupOffsets(group.getKey())
              .partitionsToOffsetAndMetadata()
              .get()
              .entrySet()) {
        if (offset.getValue() != null && partitions.contains(offset.getKey())) {
          committed.put(offset.getKey(), offset.getValue().offset());
        }
      }
      committedByGroup.put(group.getKey(), committed);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get()
          .forEach((tp, info) -> endOffsets.put(tp, info.offset()));
      members.put(
          group.getKey(),
          admin
              .describeConsumerGroups(List.of(group.getKey()))
              .all()
              .get()
              .get(group.getKey())
              .members()
              .size());
    }
    return new OffsetSnapshot(
        at, partitionsByTopic, endOffsets, committedByGroup, members, List.of());
  }
}
