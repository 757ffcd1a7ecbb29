package dev.tributary.controlplane.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.controlplane.deploy.kubernetes.PipelineResources;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationError;
import dev.tributary.pipeline.validation.ValidationResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decision of the validating admission webhook on one {@code AdmissionReview} (v1) of a {@code
 * Pipeline} resource: the resource as the operator reads it — name, the namespace's team, the spec
 * — through the one validator, with the team's topic prefix. Refused with every error, each as a
 * cause whose {@code field} is the API's error path and whose {@code reason} its code, so kubectl
 * shows the same list as the API's 422 problem.
 */
public final class PipelineAdmission {

  /** The code of a namespace that belongs to no team. */
  public static final String NO_TEAM = "no-team";

  private PipelineAdmission() {}

  /**
   * @param teams the validation context (team and prefix) of a namespace, empty when it is no
   *     team's
   * @throws IllegalArgumentException when the review has no request with a uid
   */
  public static ObjectNode review(
      JsonNode review, Function<String, Optional<ValidationContext>> teams) {
    JsonNode request = review == null ? null : review.get("request");
    if (request == null || !request.path("uid").isTextual()) {
      throw new IllegalArgumentException("an AdmissionReview with a request and its uid is needed");
    }
    String uid = request.get("uid").asText();
    List<ValidationError> errors = errors(request, teams);
    return response(review, uid, errors);
  }

  /** The errors that refuse the request; empty to allow it. */
  public static List<ValidationError> errors(
      JsonNode request, Function<String, Optional<ValidationContext>> teams) {
    String operation = request.path("operation").asText("");
    if (!operation.equals("CREATE") && !operation.equals("UPDATE")) {
      return List.of();
    }
    if (!request.path("subResource").asText("").isEmpty()) {
      // status and scale: the operator's and kubectl scale's writes, not a new document.
      return List.of();
    }
    JsonNode object = request.path("object");
    JsonNode spec = object.get("spec");
    if (operation.equals("UPDATE")
        && spec != null
        && spec.equals(request.path("oldObject").get("spec"))) {
      // Annotations (pause, restart), labels, finalizers: the document is unchanged.
      return List.of();
    }
    String namespace =
        request.path("namespace").asText(object.path("metadata").path("namespace").asText(""));
    String name = request.path("name").asText(object.path("metadata").path("name").asText(""));
    Optional<ValidationContext> team = teams.apply(namespace);
    if (team.isEmpty()) {
      return List.of(
          new ValidationError(
              "metadata.namespace",
              NO_TEAM,
              "namespace '"
                  + namespace
                  + "' belongs to no team of the control plane's catalog; a Pipeline can only be"
                  + " created in a team's namespace"));
    }
    ObjectNode document = PipelineResources.document(name, team.get().team(), spec, null, null);
    ValidationResult result = PipelineValidator.validate(document, team.get());
    return result.isValid() ? List.of() : result.errors();
  }

  private static ObjectNode response(JsonNode review, String uid, List<ValidationError> errors) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode answer = json.objectNode();
    answer.put("apiVersion", review.path("apiVersion").asText("admission.k8s.io/v1"));
    answer.put("kind", "AdmissionReview");
    ObjectNode response = answer.putObject("response");
    response.put("uid", uid);
    response.put("allowed", errors.isEmpty());
    if (errors.isEmpty()) {
      return answer;
    }
    ObjectNode status = response.putObject("status");
    status.put("code", 422);
    status.put("reason", "Invalid");
    status.put(
        "message",
        (errors.size() == 1
                ? "the pipeline has 1 error: "
                : "the pipeline has " + errors.size() + " errors: ")
            + errors.stream()
                .map(e -> e.path() + ": " + e.message() + " [" + e.code() + "]")
                .collect(Collectors.joining("; ")));
    ArrayNode causes = status.putObject("details").putArray("causes");
    for (ValidationError error : errors) {
      ObjectNode cause = causes.addObject();
      cause.put("field", error.path());
      cause.put("reason", error.code());
      cause.put("message", error.message());
    }
    return answer;
  }
}
