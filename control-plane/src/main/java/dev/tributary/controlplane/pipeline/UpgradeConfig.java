package dev.tributary.controlplane.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the control plane watches updates it applied ({@code tributary.upgrade.*}). */
@ConfigMapping(prefix = "tributary.upgrade")
public interface UpgradeConfig {

  /**
   * How often every active pipeline's status is read to record the revision that runs and to roll
   * back one that did not become Running within its {@code spec.upgrade.rollbackAfter}.
   */
  @WithDefault("10s")
  Duration checkInterval();
}
