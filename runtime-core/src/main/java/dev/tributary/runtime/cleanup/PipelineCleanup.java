package dev.tributary.runtime.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Removes from Kafka what belongs to a deleted pipeline alone: the internal topics Kafka Streams
 * created for it (changelogs, repartition and foreign-key-join topics, all named {@code
 * <applicationId>-…}) and its consumer group. Sources, tables and sinks stay — other pipelines and
 * other applications may read or write them — and so does the dead-letter topic, which holds what
 * someone may still want to look at.
 *
 * <p>Every deploy target removes a deleted pipeline's leftovers with it: the local runtime when its
 * {@code delete} runs, the Kubernetes operator in the {@code Pipeline} resource's finalizer.
 */
public final class PipelineCleanup {

  private static final List<String> INTERNAL_SUFFIXES =
      List.of("-changelog", "-repartition", "-topic");
  private static final Duration GROUP_RETRY = Duration.ofMillis(500);

  private final Admin admin;
  private final Duration timeout;
  private final Duration groupEmptyTimeout;

  /**
   * @param groupEmptyTimeout how long to wait for a group to lose its members: a killed worker
   *     stays a member until its session times out
   */
  public PipelineCleanup(Admin admin, Duration timeout, Duration groupEmptyTimeout) {
    this.admin = admin;
    this.timeout = timeout;
    this.groupEmptyTimeout = groupEmptyTimeout;
  }

  /**
   * @param otherApplicationIds application ids of every other pipeline, whose internal topics may
   *     share this one's prefix ({@code team.orders-} is a prefix of {@code team.orders-eu-})
   * @param plannedTopics topics any pipeline declares: never removed, whatever their name
   * @return what could not be removed, empty when everything was
   */
  public List<String> delete(
      String applicationId, Set<String> otherApplicationIds, Set<String> plannedTopics)
      throws InterruptedException {
    List<String> problems = new ArrayList<>();
    try {
      List<String> internal =
          admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
              .filter(topic -> !plannedTopics.contains(topic))
              .filter(topic -> isInternalTopic(topic, applicationId, otherApplicationIds))
              .sorted()
              .toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        problems.add("internal topics of " + applicationId + ": " + e.getCause().getMessage());
      }
    } catch (TimeoutException e) {
      problems.add("internal topics of " + applicationId + ": Kafka did not answer in time");
    }
    deleteGroup(applicationId, problems);
    return problems;
  }

  private void deleteGroup(String group, List<String> problems) throws InterruptedException {
    long deadline = System.nanoTime() + groupEmptyTimeout.toNanos();
    while (true) {
      try {
        admin
            .deleteConsumerGroups(List.of(group))
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GroupIdNotFoundException) {
          return;
        }
        if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
          problems.add("consumer group " + group + ": " + e.getCause().getMessage());
          return;
        }
        TimeUnit.MILLISECONDS.sleep(GROUP_RETRY.toMillis());
      } catch (TimeoutException e) {
        problems.add("consumer group " + group + ": Kafka did not answer in time");
        return;
      }
    }
  }

  public static boolean isInternalTopic(
      String topic, String applicationId, Set<String> otherApplicationIds) {
    if (!topic.startsWith(applicationId + "-")
        || INTERNAL_SUFFIXES.stream().noneMatch(topic::endsWith)) {
      return false;
    }
    return otherApplicationIds.stream()
        .noneMatch(other -> other.length() > applicationId.length() && belongsTo(topic, other));
  }

  /**
   * Whether {@code topic} is named after {@code applicationId} or after a later generation of its
   * state ({@code <id>.<n>-…}): another pipeline's topics are protected whichever generation it
   * runs, even when only its first id is known.
   */
  private static boolean belongsTo(String topic, String applicationId) {
    if (topic.startsWith(applicationId + "-")) {
      return true;
    }
    if (!topic.startsWith(applicationId + ".")) {
      return false;
    }
    int start = applicationId.length() + 1;
    int end = start;
    while (end < topic.length() && Character.isDigit(topic.charAt(end))) {
      end++;
    }
    return end > start && end < topic.length() && topic.charAt(end) == '-';
  }
}
