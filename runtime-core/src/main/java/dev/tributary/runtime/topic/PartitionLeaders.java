package dev.tributary.runtime.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Waits until freshly created or grown topics can take writes: every partition is visible, has an
 * elected leader, and that leader answers for it.
 *
 * <p>A successful {@code CreateTopics} or {@code CreatePartitions} only means the controller has
 * recorded the change; brokers apply it moments later, and a broker publishes a partition's leader
 * in its metadata before its replica manager has taken the leadership up. An idempotent producer
 * writing in that window gets {@code NOT_LEADER_OR_FOLLOWER} for its first batch to a partition,
 * and when a later batch to the same partition succeeds first, the retried first batch fails with
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout (KAFKA-14359, KAFKA-15591):
 * records are lost. So whoever creates topics and then writes waits here first.
 *
 * <p>Each round is two batched Admin calls for all topics still pending: describe the topics, then
 * list every partition's latest offset, which the partition's leader answers only once it leads.
 */
public final class PartitionLeaders {

  private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);
  private static final Duration SHORTEST_CALL = Duration.ofSeconds(2);

  private PartitionLeaders() {}

  /**
   * Waits until each topic has at least the given number of partitions and every partition has a
   * leader that answers for it.
   *
   * @param partitionsByTopic the topics and how many partitions each must show
   * @return what is still not ready when the timeout passed, per topic; empty when all are ready
   */
  public static Map<String, String> await(
      Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Integer> pending = new LinkedHashMap<>(partitionsByTopic);
    Map<String, String> reasons = new LinkedHashMap<>();
    long pause = FIRST_PAUSE.toMillis();
    while (true) {
      reasons.clear();
      List<TopicPartition> led = new ArrayList<>();
      describe(admin, pending, callTimeout(deadline), reasons, led);
      answering(admin, led, callTimeout(deadline), reasons);
      pending.keySet().retainAll(reasons.keySet());
      if (pending.isEmpty() || System.nanoTime() >= deadline) {
        return Map.copyOf(reasons);
      }
      TimeUnit.MILLISECONDS.sleep(Math.min(pause, Math.max(1, remaining(deadline).toMillis())));
      pause = Math.min(pause * 2, LONGEST_PAUSE.toMillis());
    }
  }

  /**
   * Like {@link #await}, for callers that cannot go on without the topics.
   *
   * @throws IllegalStateException naming every partition that is not ready when the timeout passed
   */
  public static void require(Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout)
      throws InterruptedException {
    Map<String, String> notReady = await(admin, partitionsByTopic, timeout);
    if (!notReady.isEmpty()) {
      throw new IllegalStateException(
          "topics not ready for writes after " + timeout.toSeconds() + "s: " + notReady);
    }
  }

  private static void describe(
      Admin admin,
      Map<String, Integer> pending,
      Duration timeout,
      Map<String, String> reasons,
      List<TopicPartition> led)
      throws InterruptedException {
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(pending.keySet()).topicNameValues();
    for (Map.Entry<String, Integer> topic : pending.entrySet()) {
      String name = topic.getKey();
      TopicDescription description;
      try {
        description = described.get(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        reasons.put(name, "not visible yet (" + message(e) + ")");
        continue;
      }
      if (description.partitions().size() < topic.getValue()) {
        reasons.put(
            name,
            description.partitions().size() + " of " + topic.getValue() + " partitions visible");
        continue;
      }
      List<Integer> leaderless = new ArrayList<>();
      for (TopicPartitionInfo partition : description.partitions()) {
        if (partition.leader() == null || partition.leader().isEmpty()) {
          leaderless.add(partition.partition());
        } else {
          led.add(new TopicPartition(name, partition.partition()));
        }
      }
      if (!leaderless.isEmpty()) {
        reasons.put(name, "no leader yet for partitions " + leaderless);
        led.removeIf(tp -> tp.topic().equals(name));
      }
    }
  }

  private static void answering(
      Admin admin, List<TopicPartition> led, Duration timeout, Map<String, String> reasons)
      throws InterruptedException {
    if (led.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    led.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    var listed = admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(millis));
    for (TopicPartition tp : led) {
      try {
        listed.partitionResult(tp).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        reasons.merge(
            tp.topic(),
            "leader of partition " + tp.partition() + " not answering yet (" + message(e) + ")",
            (a, b) -> a + "; " + b);
      }
    }
  }

  /** The rest of the wait, but at least long enough for a broker to answer a round's call. */
  private static Duration callTimeout(long deadline) {
    Duration remaining = remaining(deadline);
    return remaining.compareTo(SHORTEST_CALL) < 0 ? SHORTEST_CALL : remaining;
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
