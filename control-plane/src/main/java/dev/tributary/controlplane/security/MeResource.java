package dev.tributary.controlplane.security;

import dev.tributary.controlplane.api.TributaryApi;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(TributaryApi.BASE + "/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {

  @Schema(name = "Me")
  public record Me(
      @Schema(example = "pat-dev") String username,
      @Schema(description = "Realm roles that apply to every team.", example = "[]")
          List<PlatformRole> platformRoles,
      List<Membership> teams,
      @Schema(
              description =
                  "`oidc`: the caller is who the bearer token says. `none`: single-user mode, no"
                      + " authentication; every request is the local platform-admin.",
              enumeration = {"oidc", "none"})
          String authentication) {}

  @Schema(name = "Membership")
  public record Membership(
      @Schema(example = "payments") String team,
      @Schema(enumeration = {"team-viewer", "team-developer", "team-admin"}) TeamRole role) {}

  @Inject CurrentCaller caller;
  @Inject SingleUser singleUser;

  @GET
  @Operation(operationId = "getMe", summary = "Who the token says the caller is")
  @APIResponse(
      responseCode = "200",
      description = "The caller's user, platform roles and team roles.")
  public Me me() {
    Caller who = caller.get();
    return new Me(
        who.username(),
        List.copyOf(who.platformRoles()),
        who.teams().entrySet().stream().map(e -> new Membership(e.getKey(), e.getValue())).toList(),
        singleUser.enabled() ? "none" : "oidc");
  }
}
