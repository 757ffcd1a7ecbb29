package dev.tributary.pipeline.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tributary.pipeline.expr.Suggestions;
import dev.tributary.pipeline.spec.StepKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a document against the published JSON Schema and turns the schema validator's messages
 * into the language's errors: paths without the leading {@code $.}, stable codes, and hints.
 */
final class StructureChecks {

  static final String SCHEMA_RESOURCE = "/dev/tributary/pipeline/pipeline-v1alpha1.schema.json";

  private static final JsonSchema SCHEMA = load();
  private static final Set<String> STEP_KINDS =
      Arrays.stream(StepKind.values()).map(StepKind::key).collect(Collectors.toSet());

  private StructureChecks() {}

  static List<ValidationError> check(JsonNode document) {
    Set<ValidationMessage> messages = SCHEMA.validate(document);
    Set<ValidationError> errors = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      ValidationError error = translate(message, document);
      if (error != null) {
        errors.add(error);
      }
    }
    List<ValidationError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparing(ValidationError::path));
    return sorted;
  }

  private static ValidationError translate(ValidationMessage message, JsonNode document) {
    String path = path(message.getInstanceLocation().toString());
    String type = message.getType();
    Object[] args = message.getArguments() == null ? new Object[0] : message.getArguments();
    return switch (type) {
      case "required" -> {
        String field = message.getProperty();
        yield new ValidationError(
            join(path, field), "missing-field", "required field '" + field + "' is missing");
      }
      case "additionalProperties" -> unknownField(path, message.getProperty(), message, document);
      case "type" ->
          new ValidationError(
              path,
              "wrong-type",
              "expected " + article(String.valueOf(args.length > 1 ? args[1] : "another type"))
                  + ", got " + article(String.valueOf(args.length > 0 ? args[0] : "something else")));
      case "enum" ->
          new ValidationError(
              path,
              "invalid-value",
              "'" + message.getInstanceNode().asText() + "' is not one of "
                  + (args.length > 0 ? args[0] : "the allowed values"));
      case "pattern" ->
          new ValidationError(
              path,
              "invalid-duration",
              "'" + message.getInstanceNode().asText()
                  + "' is not a duration: write a whole number and a unit, for example 500ms, 30s,"
                  + " 5m, 2h or 7d");
      default -> new ValidationError(path, "invalid-structure", stripPath(message.getMessage()));
    };
  }

  private static ValidationError unknownField(
      String path, String field, ValidationMessage message, JsonNode document) {
    Set<String> allowed = allowedProperties(message.getSchemaNode());
    if (path.matches("spec\\.steps\\[\\d+]") && isStepWithoutKind(document, path)) {
      String hint = Suggestions.closest(field, STEP_KINDS).map(s -> " (did you mean '" + s + "'?)").orElse("");
      return new ValidationError(
          join(path, field),
          "unknown-step-kind",
          "'" + field + "' is not a step kind" + hint + "; a step has exactly one of "
              + String.join(", ", STEP_KINDS.stream().sorted().toList()));
    }
    String hint =
        Suggestions.closest(field, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
    return new ValidationError(
        join(path, field),
        "unknown-field",
        "unknown field '" + field + "'" + hint
            + (allowed.isEmpty() ? "" : "; allowed here: " + String.join(", ", allowed)));
  }

  private static boolean isStepWithoutKind(JsonNode document, String stepPath) {
    int index = Integer.parseInt(stepPath.substring(stepPath.indexOf('[') + 1, stepPath.length() - 1));
    JsonNode step = document.path("spec").path("steps").path(index);
    for (String kind : STEP_KINDS) {
      if (step.has(kind)) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> allowedProperties(JsonNode schemaNode) {
    // The schema node of an additionalProperties message is the `false` itself in some versions
    // of the validator and the object schema in others; we look for `properties` in both.
    Set<String> names = new LinkedHashSet<>();
    if (schemaNode != null && schemaNode.has("properties")) {
      Iterator<String> it = schemaNode.get("properties").fieldNames();
      it.forEachRemaining(names::add);
    }
    return names;
  }

  private static String path(String location) {
    if (location.equals("$")) {
      return "";
    }
    return location.startsWith("$.") ? location.substring(2) : location.replaceFirst("^\\$", "");
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String stripPath(String message) {
    int colon = message.indexOf(": ");
    return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      case "null" -> "nothing";
      default -> "a " + type;
    };
  }

  private static JsonSchema load() {
    try (InputStream in = StructureChecks.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the pipeline schema " + SCHEMA_RESOURCE + " is missing");
      }
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
