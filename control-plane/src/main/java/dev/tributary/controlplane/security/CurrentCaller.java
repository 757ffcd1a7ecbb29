package dev.tributary.controlplane.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read once from its verified bearer token. */
@RequestScoped
public class CurrentCaller {

  @Inject SecurityIdentity identity;
  @Inject SingleUser singleUser;

  private Caller caller;

  public Caller get() {
    if (caller == null) {
      caller = read();
    }
    return caller;
  }

  private Caller read() {
    if (singleUser.enabled()) {
      return SingleUser.caller();
    }
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      throw new UnauthorizedException();
    }
    String username = token.getClaim("preferred_username");
    Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
    return Caller.of(
        username == null ? token.getSubject() : username, identity.getRoles(), List.copyOf(groups));
  }
}
