package dev.tributary.controlplane.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How callers are authenticated ({@code TRIBUTARY_AUTH_MODE}). */
@ConfigMapping(prefix = "tributary.auth")
public interface AuthConfig {

  /**
   * {@code oidc} (the default): bearer tokens of the Keycloak realm. {@code none}: no
   * authentication, every request acts as the single local user {@value SingleUser#USERNAME}, a
   * platform-admin — honoured only with the local deploy target and the HTTP server bound to the
   * loopback interface (see {@link SingleUser}).
   */
  @WithDefault("oidc")
  Mode mode();

  enum Mode {
    OIDC,
    NONE
  }
}
