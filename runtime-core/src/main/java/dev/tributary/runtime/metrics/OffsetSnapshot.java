package dev.tributary.runtime.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets of every managed pipeline read at one moment: where each topic's log ends
 * (read_committed), where each group has committed, and how many members each group has.
 *
 * @param partitionsByTopic partitions per topic, for the topics that could be described
 * @param endOffsets last stable offset per partition
 * @param committedByGroup committed offset per group and partition; partitions never committed are
 *     absent
 * @param membersByGroup members per group; absent when the group could not be described
 * @param problems what could not be read, for the log and the benchmark
 */
public record OffsetSnapshot(
    Instant at,
    Map<String, Integer> partitionsByTopic,
    Map<TopicPartition, Long> endOffsets,
    Map<String, Map<TopicPartition, Long>> committedByGroup,
    Map<String, Integer> membersByGroup,
    List<String> problems) {

  public OffsetSnapshot {
    partitionsByTopic = Map.copyOf(partitionsByTopic);
    endOffsets = Map.copyOf(endOffsets);
    committedByGroup = Map.copyOf(committedByGroup);
    membersByGroup = Map.copyOf(membersByGroup);
    problems = List.copyOf(problems);
  }

  public List<TopicPartition> partitions(String topic) {
    return IntStream.range(0, partitionsByTopic.getOrDefault(topic, 0))
        .mapToObj(p -> new TopicPartition(topic, p))
        .toList();
  }

  public Map<TopicPartition, Long> committed(String group) {
    return committedByGroup.getOrDefault(group, Map.of());
  }

  public boolean hasMembers(String group) {
    return membersByGroup.getOrDefault(group, 0) > 0;
  }
}
