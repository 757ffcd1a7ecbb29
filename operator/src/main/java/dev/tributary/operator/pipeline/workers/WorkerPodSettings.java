package dev.tributary.operator.pipeline.workers;

import java.util.Map;
import java.util.TreeMap;

/**
 * What every worker pod gets from the operator's configuration.
 *
 * @param image the worker image ({@code worker-image/Dockerfile})
 * @param bootstrapServers the Kafka brokers, as the workers reach them
 * @param stateStorage size of each stateful replica's volume for its state stores
 * @param storageClass the volumes' storage class, or null for the cluster's default
 * @param environment more worker settings ({@code KAFKA_*}, docs/worker.md) for every worker
 * @param defaultCpu CPU requested by a replica whose pipeline does not say
 * @param defaultMemory memory requested (and its limit) of a replica whose pipeline does not say
 */
public record WorkerPodSettings(
    String image,
    String imagePullPolicy,
    String bootstrapServers,
    String stateStorage,
    String storageClass,
    Map<String, String> environment,
    String defaultCpu,
    String defaultMemory) {

  public WorkerPodSettings {
    environment = new TreeMap<>(environment);
  }
}
