package dev.tributary.controlplane.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.controlplane.pipeline.PipelineValidation;
import dev.tributary.controlplane.problem.Problems;
import dev.tributary.controlplane.team.Team;
import dev.tributary.pipeline.validation.ValidationContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The validating admission webhook for {@code Pipeline} resources (docs/kubernetes.md "Admission
 * webhook"): the Kubernetes API server posts an {@code AdmissionReview} and gets it back with the
 * decision. Teams and their namespaces are the catalog's. Not part of the REST API (no token: the
 * API server authenticates the control plane by the webhook's TLS certificate).
 */
@Path("/admission/pipelines")
public class AdmissionResource {

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(hidden = true)
  @Transactional
  public JsonNode review(JsonNode review) {
    try {
      return PipelineAdmission.review(review, AdmissionResource::team);
    } catch (IllegalArgumentException e) {
      throw Problems.invalidRequest(e.getMessage(), List.of());
    }
  }

  private static Optional<ValidationContext> team(String namespace) {
    return Team.<Team>find("namespace", namespace)
        .firstResultOptional()
        .map(PipelineValidation::context);
  }
}
