package dev.tributary.controlplane.security;

import dev.tributary.controlplane.api.StorableText;
import dev.tributary.controlplane.problem.Problems;
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

  /** Characters of the catalog's columns of user names (audit actor, revision author). */
  static final int MAX_USERNAME = 200;

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
    if (username == null) {
      username = token.getSubject();
    }
    // The catalog records the caller's name with every write (audit actor, revision author).
    String unrecordable = StorableText.Check.problem(username, MAX_USERNAME);
    if (unrecordable != null) {
      throw Problems.forbidden(
          "the token's user name "
              + unrecordable
              + ", and the audit log could not record who acts; use a shorter user name");
    }
    Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
    return Caller.of(username, identity.getRoles(), List.copyOf(groups));
  }
}
