package dev.tributary.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The control plane with the local deploy target on a real broker ({@link KafkaResource}), instead
 * of the recording target the other tests use. The catalog starts empty (Flyway cleans it, then
 * adds the demo teams): at start-up the local target runs every pipeline of the catalog, and the
 * tests of other classes leave theirs behind.
 */
public class LocalTargetProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.arc.exclude-types", RefusableDeployTarget.class.getName(),
        "quarkus.flyway.clean-disabled", "false",
        "quarkus.flyway.clean-at-start", "true");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KafkaResource.class));
  }
}
