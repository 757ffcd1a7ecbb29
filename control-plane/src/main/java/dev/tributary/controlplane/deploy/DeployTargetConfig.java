package dev.tributary.controlplane.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which deploy target runs the catalog's pipelines ({@code TRIBUTARY_DEPLOY_TARGET}). */
@ConfigMapping(prefix = "tributary.deploy")
public interface DeployTargetConfig {

  /**
   * {@code none} (the default: pipelines are recorded, nothing runs), {@code local} or {@code
   * kubernetes} ({@code Pipeline} resources for the operator).
   */
  @WithDefault("none")
  Kind target();

  enum Kind {
    NONE,
    LOCAL,
    KUBERNETES
  }
}
