package dev.tributary.runtime.testing;

import dev.tributary.runtime.topic.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates tests' topics the way the platform does: they are returned once every partition takes
 * writes.
 */
public final class TestTopics {

  private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(30);

  private TestTopics() {}

  /** Creates the topics (replication factor 1) and waits until every partition's leader answers. */
  public static void create(Admin admin, Map<String, Integer> partitionsByTopic)
      throws ExecutionException, InterruptedException {
    List<NewTopic> topics = new ArrayList<>();
    partitionsByTopic.forEach(
        (name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
    create(admin, topics);
  }

  /**
   * Creates the topics as given (configs included) and waits until every partition's leader
   * answers.
   */
  public static void create(Admin admin, Collection<NewTopic> topics)
      throws ExecutionException, InterruptedException {
    admin.createTopics(topics).all().get();
    Map<String, Integer> partitionsByTopic = new HashMap<>();
    topics.forEach(topic -> partitionsByTopic.put(topic.name(), topic.numPartitions()));
    PartitionLeaders.require(admin, partitionsByTopic, LEADERS_TIMEOUT);
  }

  /** Like {@link #create(Admin, Map)}, with an Admin client of its own. */
  public static void create(String bootstrap, Map<String, Integer> partitionsByTopic)
      throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      create(admin, partitionsByTopic);
    }
  }
}
