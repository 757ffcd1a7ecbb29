package dev.tributary.examples;

import dev.tributary.runtime.kafka.KafkaConnection;
import dev.tributary.runtime.topic.PartitionLeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** Waiting for topics that the platform creates. */
final class Topics {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private Topics() {}

  /**
   * Returns once every topic exists and every partition's leader takes writes, so that the records
   * written next are not lost; fails after three minutes, naming what is not ready.
   */
  static void await(KafkaConnection kafka, String... topics) throws InterruptedException {
    try (Admin admin = Admin.create(kafka.clientProperties("tributary-examples-admin"))) {
      Map<String, Integer> atLeastOnePartition = new LinkedHashMap<>();
      for (String topic : topics) {
        atLeastOnePartition.put(topic, 1);
      }
      Map<String, String> notReady = PartitionLeaders.await(admin, atLeastOnePartition, TIMEOUT);
      if (!notReady.isEmpty()) {
        throw new ApiClient.ApiException(
            "the platform did not create the topics "
                + List.of(topics)
                + " within "
                + TIMEOUT
                + " ("
                + notReady
                + "); see the pipeline's status",
            null);
      }
    }
  }
}
