package dev.tributary.controlplane.security;

import dev.tributary.controlplane.deploy.DeployTargetConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Single-user mode ({@code tributary.auth.mode=none}): no tokens, every request is the local user
 * {@value #USERNAME} with the platform-admin role, for one person running the platform on their own
 * machine ({@code ./tributary up}). The control plane refuses to start in this mode unless the
 * deploy target is {@code local} and the HTTP server listens on the loopback interface only, so it
 * cannot be switched on by accident on a server that others reach.
 */
@ApplicationScoped
public class SingleUser implements HttpAuthenticationMechanism {

  public static final String USERNAME = "local-admin";
  private static final Logger LOG = Logger.getLogger(SingleUser.class);
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  @Inject AuthConfig auth;
  @Inject DeployTargetConfig deploy;

  @ConfigProperty(name = "quarkus.http.host")
  String httpHost;

  /** The caller of every request in single-user mode. */
  public static Caller caller() {
    return new Caller(USERNAME, Set.of(PlatformRole.ADMIN), Map.of());
  }

  public boolean enabled() {
    return auth.mode() == AuthConfig.Mode.NONE;
  }

  void onStart(@Observes StartupEvent event) {
    if (!enabled()) {
      return;
    }
    check(deploy.target(), httpHost);
    LOG.warnf(
        "SINGLE-USER MODE: no authentication; every request acts as '%s' (platform-admin)."
            + " Listening on %s only.",
        USERNAME, httpHost);
  }

  /**
   * Refuses single-user mode where others could reach it: it is honoured only with the local deploy
   * target and the HTTP server on the loopback interface.
   */
  static void check(DeployTargetConfig.Kind target, String httpHost) {
    if (target != DeployTargetConfig.Kind.LOCAL) {
      throw new IllegalStateException(
          "tributary.auth.mode=none (single-user mode, no authentication) is only for the local"
              + " deploy target; set tributary.deploy.target=local, or use tributary.auth.mode=oidc");
    }
    if (httpHost == null || !LOOPBACK.contains(httpHost.trim())) {
      throw new IllegalStateException(
          "tributary.auth.mode=none (single-user mode, no authentication) needs the HTTP server"
              + " bound to the loopback interface (quarkus.http.host=127.0.0.1), not '"
              + httpHost
              + "': anyone who reaches it would be platform-admin");
    }
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    if (!enabled()) {
      return Uni.createFrom().nullItem();
    }
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(USERNAME))
                .addRole(PlatformRole.ADMIN.value())
                .build());
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of();
  }
}
