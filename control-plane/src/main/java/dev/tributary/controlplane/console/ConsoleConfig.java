package dev.tributary.controlplane.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the web console at /console signs people in (docs/console.md). */
@ConfigMapping(prefix = "tributary.console")
public interface ConsoleConfig {

  /** The realm's public client the console signs in with (authorization code + PKCE). */
  @WithDefault("tributary-console")
  String clientId();
}
