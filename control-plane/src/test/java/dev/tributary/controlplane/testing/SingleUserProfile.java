package dev.tributary.controlplane.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Single-user mode as {@code ./tributary up} would run it: no authentication, the local target,
 * loopback only. No broker: these tests only read. The catalog starts empty, as in {@link
 * LocalTargetProfile}, so that no pipeline of another test class is started.
 */
public class SingleUserProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.arc.exclude-types", RefusableDeployTarget.class.getName(),
        "quarkus.flyway.clean-disabled", "false",
        "quarkus.flyway.clean-at-start", "true",
        "tributary.auth.mode", "none",
        "quarkus.oidc.tenant-enabled", "false",
        "quarkus.http.host", "127.0.0.1",
        "tributary.deploy.target", "local",
        "tributary.local.worker-jar", System.getProperty("tributary.worker.jar", "missing.jar"),
        "tributary.local.data-dir",
            Path.of("target", "single-user", UUID.randomUUID().toString())
                .toAbsolutePath()
                .toString());
  }
}
