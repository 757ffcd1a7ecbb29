package dev.tributary.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waiting for topics that the platform creates. */
final class Topics {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private Topics() {}

  private static boolean everyPartitionHasALeader(Admin admin, String... topics)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    return admin.describeTopics(List.of(topics)).allTopicNames().get(10, TimeUnit.SECONDS).values()
        .stream()
        .flatMap(topic -> topic.partitions().stream())
        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
  }

  /** Returns once every topic exists with a leader for every partition; fails after three minutes. */
  static void await(String bootstrap, String... topics) throws InterruptedException {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "tributary-examples-admin"))) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        try {
          if (admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(List.of(topics))
              && everyPartitionHasALeader(admin, topics)) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException retry) {
          // the broker answers the next time
        }
        if (System.nanoTime() > deadline) {
          throw new ApiClient.ApiException(
              "the platform did not create the topics " + List.of(topics) + " within " + TIMEOUT
                  + "; see the pipeline's status",
              null);
        }
        Thread.sleep(500);
      }
    }
  }
}
