package dev.tributary.controlplane.testing;

import dev.tributary.localstack.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real Kafka broker (local-stack) that the control plane reads from ({@code
 * tributary.kafka.bootstrap-servers}) while its deploy target stays the recording one: reading dead
 * letters or previewing needs no worker.
 */
public class KafkaReadsResource implements QuarkusTestResourceLifecycleManager {

  private static volatile KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    return Map.of("tributary.kafka.bootstrap-servers", broker.bootstrapServers());
  }

  /** The broker's address, once started. */
  public static String bootstrapServers() {
    if (broker == null) {
      throw new IllegalStateException("Kafka is not started");
    }
    return broker.bootstrapServers();
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
