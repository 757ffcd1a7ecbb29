package dev.tributary.runtime.topic;

import dev.tributary.pipeline.plan.TopicPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes the topics of a plan exist as planned, never destructively: missing topics are created with
 * the planned (or default) partitions and configs, a topic with fewer partitions than planned
 * grows, and planned configs the topic does not set are added. Nothing is shrunk or deleted, and a
 * topic whose existing settings contradict the plan — a table's topic that is not compacted — is
 * reported and left as it is.
 *
 * <p>Each step is one batched Admin call for all topics: describe, describe configs, create, add
 * partitions, alter configs. Results are per topic: one bad topic does not hide the others. Topics
 * are reported ready only once every partition's leader takes writes (see {@link
 * PartitionLeaders}), so whoever starts writing next does not lose records.
 */
public final class TopicProvisioner {

  /** Configs that decide what a topic means: a different value is an error, never overwritten. */
  private static final Set<String> DEFINING_CONFIGS = Set.of("cleanup.policy");

  private static final int METADATA_ATTEMPTS = 10;
  private static final Duration METADATA_RETRY = Duration.ofMillis(300);

  private final Admin admin;
  private final int defaultPartitions;
  private final short replicationFactor;
  private final Duration timeout;

  public TopicProvisioner(
      Admin admin, int defaultPartitions, short replicationFactor, Duration timeout) {
    this.admin = admin;
    this.defaultPartitions = defaultPartitions;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  public TopicProvisioning provision(List<TopicPlan> plans) throws InterruptedException {
    Map<String, TopicWork> topics = new LinkedHashMap<>();
    plans.forEach(plan -> topics.put(plan.name(), new TopicWork(plan)));
    describe(topics.values());
    create(topics.values().stream().filter(t -> t.partitions == 0 && t.error == null).toList());
    List<TopicWork> raced = topics.values().stream().filter(t -> t.existedAfterAll).toList();
    for (int attempt = 0;
        attempt < METADATA_ATTEMPTS && raced.stream().anyMatch(t -> t.partitions == 0);
        attempt++) {
      // Created by someone else a moment ago: the broker's metadata has yet to show it.
      TimeUnit.MILLISECONDS.sleep(METADATA_RETRY.toMillis());
      describe(raced);
    }
    raced.stream()
        .filter(t -> t.partitions == 0 && t.error == null)
        .forEach(
            t ->
                t.error =
                    "was created by someone else meanwhile and cannot be described yet; apply again");
    List<TopicWork> existing =
        topics.values().stream()
            .filter(t -> t.partitions > 0 && !t.created && t.error == null)
            .toList();
    checkConfigs(existing);
    growPartitions(existing);
    addConfigs(existing);
    awaitLeaders(topics.values());
    return new TopicProvisioning(topics.values().stream().map(TopicWork::outcome).toList());
  }

  private void describe(Collection<TopicWork> topics) throws InterruptedException {
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(topics.stream().map(t -> t.plan.name()).toList()).topicNameValues();
    for (TopicWork topic : topics) {
      try {
        topic.partitions = await(described.get(topic.plan.name())).partitions().size();
      } catch (Failure failure) {
        if (!(failure.getCause() instanceof UnknownTopicOrPartitionException)) {
          topic.error = "could not describe the topic: " + failure.getMessage();
        }
      }
    }
  }

  /**
   * Topics take writes only once their partitions' leaders have taken over: a moment after they
   * were created or grown, here or by someone else just before. One round of two batched calls when
   * all are ready.
   */
  private void awaitLeaders(Collection<TopicWork> topics) throws InterruptedException {
    Map<String, Integer> usable = new LinkedHashMap<>();
    topics.stream()
        .filter(t -> t.error == null)
        .forEach(t -> usable.put(t.plan.name(), t.partitions));
    if (usable.isEmpty()) {
      return;
    }
    Map<String, String> notReady = PartitionLeaders.await(admin, usable, timeout);
    for (TopicWork topic : topics) {
      String reason = notReady.get(topic.plan.name());
      if (reason != null) {
        topic.error =
            "is not ready for writes after "
                + timeout.toSeconds()
                + "s: "
                + reason
                + "; apply again";
      }
    }
  }

  private void checkConfigs(List<TopicWork> existing) throws InterruptedException {
    List<TopicWork> configured =
        existing.stream().filter(t -> !t.plan.configs().isEmpty()).toList();
    if (configured.isEmpty()) {
      return;
    }
    Map<ConfigResource, KafkaFuture<Config>> described =
        admin
            .describeConfigs(configured.stream().map(t -> resource(t.plan.name())).toList())
            .values();
    for (TopicWork topic : configured) {
      try {
        Config config = await(described.get(resource(topic.plan.name())));
        topic
            .plan
            .configs()
            .forEach((name, wanted) -> compare(topic, name, wanted, config.get(name)));
      } catch (Failure failure) {
        topic.error = "could not read the topic's configs: " + failure.getMessage();
      }
    }
  }

  private static void compare(TopicWork topic, String name, String wanted, ConfigEntry entry) {
    String current = entry == null ? null : entry.value();
    if (wanted.equals(current)) {
      return;
    }
    if (DEFINING_CONFIGS.contains(name)) {
      if (current != null && List.of(current.split(",")).contains(wanted)) {
        return;
      }
      topic.error =
          "exists with "
              + name
              + "="
              + current
              + " but the pipeline needs "
              + name
              + "="
              + wanted
              + " ("
              + topic.plan.role().name().toLowerCase(Locale.ROOT)
              + " topic); it was left as it is: change the topic's "
              + name
              + " or use another topic";
    } else if (entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
      topic.notes.add("keeps its own " + name + "=" + current + " (planned " + wanted + ")");
    } else {
      topic.configsToAdd.put(name, wanted);
    }
  }

  private void create(List<TopicWork> missing) throws InterruptedException {
    if (missing.isEmpty()) {
      return;
    }
    List<NewTopic> newTopics = new ArrayList<>();
    for (TopicWork topic : missing) {
      int partitions = topic.plan.partitionsOr(defaultPartitions);
      newTopics.add(
          new NewTopic(topic.plan.name(), partitions, replicationFactor)
              .configs(topic.plan.configs()));
    }
    Map<String, KafkaFuture<Void>> created = admin.createTopics(newTopics).values();
    for (TopicWork topic : missing) {
      try {
        await(created.get(topic.plan.name()));
        topic.partitions = topic.plan.partitionsOr(defaultPartitions);
        topic.created = true;
        topic.notes.add(
            "created with "
                + topic.partitions
                + " partitions"
                + (topic.plan.configs().isEmpty() ? "" : " and " + topic.plan.configs()));
      } catch (Failure failure) {
        if (failure.getCause() instanceof TopicExistsException) {
          topic.existedAfterAll = true;
        } else {
          topic.error = "could not create the topic: " + failure.getMessage();
        }
      }
    }
  }

  private void growPartitions(List<TopicWork> existing) throws InterruptedException {
    Map<String, NewPartitions> growth = new LinkedHashMap<>();
    for (TopicWork topic : existing) {
      if (topic.error != null || topic.plan.partitions().isEmpty()) {
        continue;
      }
      int planned = topic.plan.partitions().getAsInt();
      if (topic.partitions < planned) {
        growth.put(topic.plan.name(), NewPartitions.increaseTo(planned));
      } else if (topic.partitions > planned) {
        topic.notes.add(
            "keeps its "
                + topic.partitions
                + " partitions (planned "
                + planned
                + "): partitions are never removed");
      }
    }
    if (growth.isEmpty()) {
      return;
    }
    Map<String, KafkaFuture<Void>> grown = admin.createPartitions(growth).values();
    for (TopicWork topic : existing) {
      if (!growth.containsKey(topic.plan.name())) {
        continue;
      }
      int planned = topic.plan.partitions().getAsInt();
      try {
        await(grown.get(topic.plan.name()));
        topic.notes.add("partitions " + topic.partitions + " → " + planned);
        topic.partitions = planned;
        topic.updated = true;
      } catch (Failure failure) {
        topic.error =
            "could not add partitions ("
                + topic.partitions
                + " → "
                + planned
                + "): "
                + failure.getMessage();
      }
    }
  }

  private void addConfigs(List<TopicWork> existing) throws InterruptedException {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
    for (TopicWork topic : existing) {
      if (topic.error == null && !topic.configsToAdd.isEmpty()) {
        changes.put(
            resource(topic.plan.name()),
            topic.configsToAdd.entrySet().stream()
                .map(
                    c ->
                        new AlterConfigOp(
                            new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                .toList());
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    Map<ConfigResource, KafkaFuture<Void>> altered =
        admin.incrementalAlterConfigs(changes).values();
    for (TopicWork topic : existing) {
      KafkaFuture<Void> future = altered.get(resource(topic.plan.name()));
      if (future == null) {
        continue;
      }
      try {
        await(future);
        topic.notes.add("set " + topic.configsToAdd);
        topic.updated = true;
      } catch (Failure failure) {
        topic.error = "could not set " + topic.configsToAdd + ": " + failure.getMessage();
      }
    }
  }

  private static ConfigResource resource(String topic) {
    return new ConfigResource(ConfigResource.Type.TOPIC, topic);
  }

  private <T> T await(KafkaFuture<T> future) throws InterruptedException, Failure {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new Failure(e.getCause());
    } catch (TimeoutException e) {
      throw new Failure(
          new TimeoutException("Kafka did not answer within " + timeout.toSeconds() + "s"));
    }
  }

  /** A per-topic failure of a batched call, carrying Kafka's exception. */
  private static final class Failure extends Exception {
    Failure(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** What is known and decided about one topic while the batched calls run. */
  private static final class TopicWork {
    final TopicPlan plan;
    final Map<String, String> configsToAdd = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    int partitions;
    boolean created;
    boolean existedAfterAll;
    boolean updated;
    String error;

    TopicWork(TopicPlan plan) {
      this.plan = plan;
    }

    TopicOutcome outcome() {
      TopicOutcome.Result result =
          error != null
              ? TopicOutcome.Result.FAILED
              : created
                  ? TopicOutcome.Result.CREATED
                  : updated ? TopicOutcome.Result.UPDATED : TopicOutcome.Result.UNCHANGED;
      List<String> detail = new ArrayList<>(notes);
      if (error != null) {
        detail.add(0, error);
      }
      return new TopicOutcome(
          plan.name(), plan.role(), result, partitions, String.join("; ", detail));
    }
  }
}
