package dev.tributary.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The control plane with the {@code kubernetes} deploy target against {@link
 * KubernetesMockResource}. The catalog starts empty (Flyway cleans it, then adds the demo teams).
 */
public class KubernetesTargetProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.arc.exclude-types", RefusableDeployTarget.class.getName(),
        "quarkus.flyway.clean-disabled", "false",
        "quarkus.flyway.clean-at-start", "true",
        "tributary.deploy.target", "kubernetes",
        // The cluster the operator runs the workers on is secured. Nothing here connects to it:
        // on this target the control plane only asks the operator, through the resource.
        "tributary.kafka.bootstrap-servers", "127.0.0.1:9",
        "tributary.kafka.properties.security.protocol", "SASL_PLAINTEXT");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KubernetesMockResource.class));
  }
}
