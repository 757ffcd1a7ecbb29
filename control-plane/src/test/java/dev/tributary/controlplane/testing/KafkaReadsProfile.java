package dev.tributary.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The control plane reading from a real broker ({@link KafkaReadsResource}). */
public class KafkaReadsProfile implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KafkaReadsResource.class));
  }
}
