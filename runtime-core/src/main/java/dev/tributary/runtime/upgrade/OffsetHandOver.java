package dev.tributary.runtime.upgrade;

import dev.tributary.pipeline.plan.Planner;
import dev.tributary.pipeline.plan.TopicPlan;
import dev.tributary.pipeline.plan.TopicRole;
import dev.tributary.pipeline.spec.UpgradeSpec;
import dev.tributary.pipeline.spec.UpgradeStart;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Where a new generation of a pipeline's state starts reading its sources, and the step that puts
 * it there: the new consumer group's offsets are committed before its first worker starts, so Kafka
 * Streams begins exactly there.
 *
 * <ul>
 *   <li>{@link UpgradeStart#PREVIOUS_OFFSETS}: the offsets the previous group committed — under
 *       exactly-once those of its last committed transaction, so nothing is skipped or read twice.
 *       A partition the previous group never committed starts at its earliest offset, as the
 *       previous group would have.
 *   <li>{@link UpgradeStart#EARLIEST}: every partition's earliest offset.
 *   <li>{@link UpgradeStart#TIMESTAMP}: the first offset at or after the instant, or the end of the
 *       partition when no record is that recent.
 * </ul>
 *
 * A source that does not exist yet (the update adds it) is listed with partition -1: it is created
 * with the update and read from its first record. Only stream sources are handed over: a table's
 * topic is read from its beginning into the new, empty stores. A partition where the new group has
 * already committed an offset at least as far is left as it is, so that running the hand-over again
 * (after a crash half-way) never moves a group back. Every reading is one batched Admin call.
 */
public final class OffsetHandOver {

  private final Admin admin;
  private final Duration timeout;

  public OffsetHandOver(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Where {@code after} would start if it replaced {@code before} now: its stream sources, from
   * {@link #start}; empty when both run under the same application id. The function every deploy
   * target uses, for the plan and for the hand-over itself.
   */
  public List<StartingOffset> plan(ValidatedPipeline before, ValidatedPipeline after) {
    if (before.applicationId().equals(after.applicationId())) {
      return List.of();
    }
    return plan(
        before.applicationId(),
        after.applicationId(),
        streamSources(after),
        start(before, after),
        timestamp(after));
  }

  /**
   * Commits where {@code after} starts (see {@link #plan(ValidatedPipeline, ValidatedPipeline)}).
   */
  public List<StartingOffset> handOver(ValidatedPipeline before, ValidatedPipeline after) {
    if (before.applicationId().equals(after.applicationId())) {
      return List.of();
    }
    return handOver(
        before.applicationId(),
        after.applicationId(),
        streamSources(after),
        start(before, after),
        timestamp(after));
  }

  /** The topics read as streams: a table's topic is read from its start into empty stores. */
  public static List<String> streamSources(ValidatedPipeline pipeline) {
    return Planner.plan(pipeline).topics(TopicRole.SOURCE).stream().map(TopicPlan::name).toList();
  }

  /**
   * Where a new generation starts: as its document's {@code spec.upgrade.startFrom} asks (previous
   * offsets by default); going back to an earlier generation (a rollback) always continues from the
   * offsets of the generation it replaces, so that no record is read twice at the sources.
   */
  public static UpgradeStart start(ValidatedPipeline before, ValidatedPipeline after) {
    UpgradeSpec upgrade = after.spec().upgrade();
    if (after.stateGeneration() < before.stateGeneration() || upgrade == null) {
      return UpgradeStart.PREVIOUS_OFFSETS;
    }
    return upgrade.startFromOrDefault();
  }

  private static Instant timestamp(ValidatedPipeline pipeline) {
    UpgradeSpec upgrade = pipeline.spec().upgrade();
    return upgrade == null || upgrade.timestamp() == null
        ? null
        : Instant.parse(upgrade.timestamp());
  }

  /** A partition's starting offset and where it comes from. */
  public record StartingOffset(String topic, int partition, long offset, String origin) {}

  /**
   * The offsets the group {@code to} will start from, without changing anything.
   *
   * @param from the previous generation's group
   * @param timestamp the instant of {@link UpgradeStart#TIMESTAMP}, null otherwise
   * @throws OffsetHandOverException when Kafka does not answer or a source does not exist
   */
  public List<StartingOffset> plan(
      String from, String to, Collection<String> sources, UpgradeStart start, Instant timestamp) {
    if (sources.isEmpty()) {
      return List.of();
    }
    List<String> missing = new ArrayList<>();
    Set<TopicPartition> partitions = partitions(sources, missing);
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
        committed(List.of(from, to), partitions);
    Map<TopicPartition, OffsetAndMetadata> previous = committed.get(from);
    Map<TopicPartition, OffsetAndMetadata> already = committed.get(to);

    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    for (TopicPartition partition : partitions) {
      switch (start) {
        case PREVIOUS_OFFSETS -> {
          if (previous.get(partition) == null) {
            wanted.put(partition, OffsetSpec.earliest());
          }
        }
        case EARLIEST -> wanted.put(partition, OffsetSpec.earliest());
        case TIMESTAMP -> wanted.put(partition, OffsetSpec.forTimestamp(timestamp.toEpochMilli()));
      }
    }
    Map<TopicPartition, Long> listed = list(wanted);
    if (start == UpgradeStart.TIMESTAMP) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      listed.forEach(
          (partition, offset) -> {
            if (offset < 0) {
              ends.put(partition, OffsetSpec.latest());
            }
          });
      Map<TopicPartition, Long> latest = list(ends);
      latest.forEach((partition, offset) -> listed.put(partition, -2L - offset));
    }

    List<StartingOffset> plan = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      long offset;
      String origin;
      OffsetAndMetadata before = previous.get(partition);
      if (start == UpgradeStart.PREVIOUS_OFFSETS && before != null) {
        offset = before.offset();
        origin = "committed by " + from;
      } else {
        long found = listed.get(partition);
        if (found <= -2) {
          offset = -2L - found;
          origin = "the end: no record at or after " + timestamp;
        } else {
          offset = found;
          origin =
              switch (start) {
                case PREVIOUS_OFFSETS -> "earliest: " + from + " committed no offset here";
                case EARLIEST -> "earliest";
                case TIMESTAMP -> "the first record at or after " + timestamp;
              };
        }
      }
      OffsetAndMetadata own = already.get(partition);
      if (own != null && own.offset() >= offset) {
        offset = own.offset();
        origin = "committed by " + to + " already";
      }
      plan.add(new StartingOffset(partition.topic(), partition.partition(), offset, origin));
    }
    for (String topic : missing) {
      plan.add(
          new StartingOffset(
              topic, -1, 0, "a new topic: every partition starts at its first record"));
    }
    plan.sort(
        Comparator.comparing(StartingOffset::topic).thenComparingInt(StartingOffset::partition));
    return List.copyOf(plan);
  }

  /**
   * Commits the {@link #plan planned} offsets for the group {@code to}, which must have no members:
   * call it after the previous generation's workers stopped and before the new ones start.
   *
   * @return the offsets the group starts from
   * @throws OffsetHandOverException when Kafka refuses or does not answer
   */
  public List<StartingOffset> handOver(
      String from, String to, Collection<String> sources, UpgradeStart start, Instant timestamp) {
    List<StartingOffset> plan = plan(from, to, sources, start, timestamp);
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    for (StartingOffset partition : plan) {
      if (partition.partition() >= 0 && !partition.origin().endsWith(" already")) {
        offsets.put(
            new TopicPartition(partition.topic(), partition.partition()),
            new OffsetAndMetadata(partition.offset(), "handed over from " + from));
      }
    }
    if (!offsets.isEmpty()) {
      await(
          admin.alterConsumerGroupOffsets(to, offsets).all(),
          "committing the starting offsets of " + to);
    }
    return plan;
  }

  /** The partitions of the sources that exist; those that do not are added to {@code missing}. */
  private Set<TopicPartition> partitions(Collection<String> topics, List<String> missing) {
    Set<TopicPartition> partitions =
        new TreeSet<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(topics).topicNameValues();
    for (var entry : new TreeMap<>(described).entrySet()) {
      try {
        TopicDescription description =
            entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        description
            .partitions()
            .forEach(p -> partitions.add(new TopicPartition(entry.getKey(), p.partition())));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          missing.add(entry.getKey());
        } else {
          throw new OffsetHandOverException(
              "describing the source " + entry.getKey() + ": " + e.getCause().getMessage(),
              e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OffsetHandOverException("describing the sources: interrupted", e);
      } catch (TimeoutException e) {
        throw new OffsetHandOverException(
            "describing the sources: Kafka did not answer within " + timeout.toSeconds() + "s", e);
      }
    }
    return partitions;
  }

  /** Stable offsets only: a transaction still open holds the reading until it ends. */
  private Map<String, Map<TopicPartition, OffsetAndMetadata>> committed(
      List<String> groups, Set<TopicPartition> partitions) {
    Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
    for (String group : groups) {
      specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions));
    }
    Map<String, Map<TopicPartition, OffsetAndMetadata>> all =
        await(
            admin
                .listConsumerGroupOffsets(
                    specs,
                    new ListConsumerGroupOffsetsOptions()
                        .requireStable(true)
                        .timeoutMs((int) timeout.toMillis()))
                .all(),
            "reading the committed offsets of " + groups);
    Map<String, Map<TopicPartition, OffsetAndMetadata>> result = new HashMap<>();
    for (String group : groups) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      all.getOrDefault(group, Map.of())
          .forEach(
              (partition, offset) -> {
                if (offset != null) {
                  offsets.put(partition, offset);
                }
              });
      result.put(group, offsets);
    }
    return result;
  }

  private Map<TopicPartition, Long> list(Map<TopicPartition, OffsetSpec> wanted) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    if (wanted.isEmpty()) {
      return offsets;
    }
    Map<TopicPartition, ListOffsetsResultInfo> listed =
        await(admin.listOffsets(wanted).all(), "listing the sources' offsets");
    listed.forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OffsetHandOverException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new OffsetHandOverException(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new OffsetHandOverException(
          what + ": Kafka did not answer within " + timeout.toSeconds() + "s", e);
    }
  }
}
