package dev.tributary.controlplane.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the problems any operation of the API can answer with — 400, 401, 403, 404, 500 — so each
 * resource method only declares its own (412, 422…). The responses are defined once in
 * META-INF/openapi.yaml.
 */
public class StandardProblemResponses implements OASFilter {

  private static final Map<String, String> STANDARD =
      Map.of(
          "400", "BadRequest",
          "401", "Unauthenticated",
          "403", "Forbidden",
          "404", "NotFound",
          "500", "InternalError");

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith(TributaryApi.BASE)) {
                item.getOperations().values().forEach(StandardProblemResponses::addStandard);
              }
            });
  }

  private static void addStandard(Operation operation) {
    APIResponses responses = operation.getResponses();
    STANDARD.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              if (!responses.hasAPIResponse(e.getKey())) {
                responses.addAPIResponse(
                    e.getKey(), OASFactory.createAPIResponse().ref(e.getValue()));
              }
            });
  }
}
