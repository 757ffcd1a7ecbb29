package dev.tributary.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The control plane reading from a real broker ({@link KafkaReadsResource}). */
public class KafkaReadsProfile implements QuarkusTestProfile {

  /**
   * These tests check what is read, not how fast: on a loaded two-core CI machine the first
   * read_committed fetch of a fresh topic has taken more than the 5 s default. The timeout's own
   * problem is checked against a broker that does not answer (DeadLettersWithoutKafkaTest).
   */
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("tributary.kafka.read-timeout", "20s");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KafkaReadsResource.class));
  }
}
