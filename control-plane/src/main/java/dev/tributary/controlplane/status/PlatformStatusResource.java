package dev.tributary.controlplane.status;

import dev.tributary.controlplane.api.TributaryApi;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's status: every team's pipelines summed up, for the platform team. */
@Path(TributaryApi.BASE + "/platform/status")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status")
public class PlatformStatusResource {

  @Inject StatusService statuses;

  @GET
  @Operation(
      operationId = "getPlatformStatus",
      summary = "Totals over every team (platform-admin, platform-viewer)")
  @APIResponse(
      responseCode = "200",
      description = "Totals with the throughput history, and each team's totals.")
  public PlatformStatusView status(
      @Parameter(description = StatusWindow.DESCRIPTION, example = "15m") @QueryParam("window")
          String window) {
    return statuses.platformStatus(StatusWindow.since(window, Instant.now()));
  }
}
