package dev.tributary.pipeline.validation;

import static dev.tributary.pipeline.validation.ValidationCode.INVALID_DURATION;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_FIELD_TYPE;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_STRUCTURE;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_VALUE;
import static dev.tributary.pipeline.validation.ValidationCode.MISSING_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_FIELD;
import static dev.tributary.pipeline.validation.ValidationCode.UNKNOWN_STEP_KIND;
import static dev.tributary.pipeline.validation.ValidationCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tributary.pipeline.expr.Suggestions;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.spec.StepKind;
import dev.tributary.pipeline.validation.semantic.FieldTypeText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a document against the published JSON Schema and turns the schema validator's messages
 * into the language's errors: paths without the leading {@code $.}, stable codes, and hints.
 */
final class StructureChecks {

  static final String SCHEMA_RESOURCE = "/dev/tributary/pipeline/pipeline-v1alpha1.schema.json";

  private static final JsonNode SCHEMA_TREE = loadTree();
  private static final JsonSchema SCHEMA = load();
  private static final Set<String> STEP_KINDS =
      Arrays.stream(StepKind.values()).map(StepKind::key).collect(Collectors.toSet());

  private StructureChecks() {}

  static List<ValidationError> check(JsonNode document) {
    // YAML's .inf and .nan, and JSON numbers beyond a double, become numbers that the schema
    // validator cannot compare; no field of the language wants them.
    List<ValidationError> notFinite = nonFiniteNumbers(document);
    if (!notFinite.isEmpty()) {
      return notFinite;
    }
    Set<ValidationMessage> messages = SCHEMA.validate(document);
    Set<ValidationError> errors = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      ValidationError error = translate(message, document);
      if (error != null) {
        errors.add(error);
      }
    }
    // A value of the wrong type also fails its enum; the type is the problem to report.
    Set<String> wrongType =
        errors.stream()
            .filter(e -> e.code().equals(WRONG_TYPE.value()))
            .map(ValidationError::path)
            .collect(Collectors.toSet());
    List<ValidationError> sorted = new ArrayList<>(errors);
    sorted.removeIf(e -> e.code().equals(INVALID_VALUE.value()) && wrongType.contains(e.path()));
    if (sorted.size() > 1) {
      Map<String, Integer> positions = positions(document);
      sorted.sort(Comparator.comparingInt(e -> position(e.path(), positions)));
    }
    return sorted;
  }

  private static List<ValidationError> nonFiniteNumbers(JsonNode document) {
    List<ValidationError> errors = new ArrayList<>();
    Deque<TreePlace> pending = new ArrayDeque<>();
    pending.push(TreePlace.root(document));
    while (!pending.isEmpty()) {
      TreePlace place = pending.pop();
      JsonNode node = place.node();
      if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
        errors.add(
            new ValidationError(
                place.path(), INVALID_VALUE, "expected a finite number, got " + node.asText()));
      } else if (node.isObject()) {
        node.properties().forEach(p -> pending.push(place.member(p.getKey(), p.getValue())));
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          pending.push(place.element(i, node.get(i)));
        }
      }
    }
    return errors;
  }

  /** Every path of the document in reading order, so that errors can be listed in that order. */
  private static Map<String, Integer> positions(JsonNode document) {
    Map<String, Integer> positions = new HashMap<>();
    Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry("", document));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> next = pending.pop();
      positions.putIfAbsent(next.getKey(), positions.size());
      JsonNode node = next.getValue();
      List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
      if (node.isObject()) {
        node.properties()
            .forEach(
                p ->
                    children.add(
                        Map.entry(JsonPaths.member(next.getKey(), p.getKey()), p.getValue())));
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          children.add(Map.entry(JsonPaths.element(next.getKey(), i), node.get(i)));
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        pending.push(children.get(i));
      }
    }
    return positions;
  }

  /** Where a path sits in reading order; a missing field sits right after its parent. */
  private static int position(String path, Map<String, Integer> positions) {
    for (String p = path; ; ) {
      Integer at = positions.get(p);
      if (at != null) {
        return at;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) {
        return positions.getOrDefault("", 0);
      }
      p = p.substring(0, cut);
    }
  }

  private static ValidationError translate(ValidationMessage message, JsonNode document) {
    String path = JsonPaths.of(message.getInstanceLocation());
    String type = message.getType();
    Object[] args = message.getArguments() == null ? new Object[0] : message.getArguments();
    return switch (type) {
      case "required" -> {
        String field = message.getProperty();
        yield new ValidationError(
            JsonPaths.member(path, field),
            MISSING_FIELD,
            "required field '" + field + "' is missing");
      }
      case "additionalProperties" -> unknownField(path, message.getProperty(), message, document);
      case "type" -> wrongType(path, message, args, document);
      case "enum" ->
          new ValidationError(
              path,
              INVALID_VALUE,
              "'"
                  + message.getInstanceNode().asText()
                  + "' is not one of "
                  + String.join(", ", allowedValues(message.getSchemaNode())));
      case "pattern" -> notADuration(path, message.getInstanceNode());
      default -> new ValidationError(path, INVALID_STRUCTURE, stripPath(message.getMessage()));
    };
  }

  private static ValidationError wrongType(
      String path, ValidationMessage message, Object[] args, JsonNode document) {
    JsonNode value = message.getInstanceNode();
    ValidationError split = splitType(message, document);
    if (split != null) {
      return split;
    }
    boolean duration = schemaPath(message).startsWith("/$defs/Duration/");
    if (duration && value != null && value.isNumber()) {
      return notADuration(path, value);
    }
    String expected =
        duration
            ? "a duration such as 30s"
            : article(String.valueOf(args.length > 1 ? args[1] : "another type"));
    return new ValidationError(
        path,
        WRONG_TYPE,
        "expected "
            + expected
            + ", got "
            + article(String.valueOf(args.length > 0 ? args[0] : "something else")));
  }

  /**
   * YAML splits {@code {tags: map<string,int>}} at the comma, into {@code tags: map<string} and a
   * key {@code int>} without a value. The missing value is not what the author needs to hear about;
   * the unquoted type is.
   */
  private static ValidationError splitType(ValidationMessage message, JsonNode document) {
    JsonNodePath location = message.getInstanceLocation();
    JsonNode value = message.getInstanceNode();
    int last = location.getNameCount() - 1;
    if ((value != null && !value.isNull())
        || last < 1
        || !(location.getElement(last) instanceof String key)
        || !key.endsWith(">")
        || !"fields".equals(location.getElement(last - 1))) {
      return null;
    }
    JsonNode fields = document;
    for (int i = 0; i < last; i++) {
      Object element = location.getElement(i);
      fields =
          element instanceof Integer index
              ? fields.path(index)
              : fields.path(String.valueOf(element));
    }
    String parent = JsonPaths.of(location.getParent());
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      if (field.getValue().isTextual() && FieldTypeText.unclosed(field.getValue().asText())) {
        return new ValidationError(
            JsonPaths.member(parent, field.getKey()),
            INVALID_FIELD_TYPE,
            FieldTypeText.notAType(field.getValue().asText()));
      }
    }
    return null;
  }

  private static ValidationError notADuration(String path, JsonNode value) {
    return new ValidationError(
        path,
        INVALID_DURATION,
        "'"
            + (value == null ? "" : value.asText())
            + "' is not a duration: write a whole number and a unit, for example 500ms, 30s, 5m,"
            + " 2h or 7d");
  }

  private static List<String> allowedValues(JsonNode enumNode) {
    List<String> values = new ArrayList<>();
    if (enumNode != null && enumNode.isArray()) {
      enumNode.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  private static ValidationError unknownField(
      String path, String field, ValidationMessage message, JsonNode document) {
    Set<String> allowed = allowedProperties(message);
    if (path.matches("spec\\.steps\\[\\d+]") && isStepWithoutKind(document, path)) {
      String hint =
          Suggestions.closest(field, STEP_KINDS)
              .map(s -> " (did you mean '" + s + "'?)")
              .orElse("");
      return new ValidationError(
          JsonPaths.member(path, field),
          UNKNOWN_STEP_KIND,
          "'"
              + field
              + "' is not a step kind"
              + hint
              + "; a step has exactly one of "
              + String.join(", ", STEP_KINDS.stream().sorted().toList()));
    }
    String hint =
        Suggestions.closest(field, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
    return new ValidationError(
        JsonPaths.member(path, field),
        UNKNOWN_FIELD,
        "unknown field '"
            + field
            + "'"
            + hint
            + (allowed.isEmpty() ? "" : "; allowed here: " + String.join(", ", allowed)));
  }

  private static boolean isStepWithoutKind(JsonNode document, String stepPath) {
    int index =
        Integer.parseInt(stepPath.substring(stepPath.indexOf('[') + 1, stepPath.length() - 1));
    JsonNode step = document.path("spec").path("steps").path(index);
    for (String kind : STEP_KINDS) {
      if (step.has(kind)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The properties declared next to the {@code additionalProperties: false} that refused a field.
   * The validator hands us the {@code false} itself, so we find its object schema by location.
   */
  private static Set<String> allowedProperties(ValidationMessage message) {
    String location = schemaPath(message);
    String parent =
        location.endsWith("/additionalProperties")
            ? location.substring(0, location.length() - "/additionalProperties".length())
            : location;
    JsonNode objectSchema = SCHEMA_TREE.at(parent);
    Set<String> names = new LinkedHashSet<>();
    if (objectSchema.has("properties")) {
      Iterator<String> it = objectSchema.get("properties").fieldNames();
      it.forEachRemaining(names::add);
    }
    return names;
  }

  /** The JSON pointer, within the schema, of the keyword that produced a message. */
  private static String schemaPath(ValidationMessage message) {
    if (message.getSchemaLocation() == null || message.getSchemaLocation().getFragment() == null) {
      return "";
    }
    String fragment = message.getSchemaLocation().getFragment().toString();
    return fragment.startsWith("#") ? fragment.substring(1) : fragment;
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

  private static JsonNode loadTree() {
    try (InputStream in = StructureChecks.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the pipeline schema " + SCHEMA_RESOURCE + " is missing");
      }
      return PipelineMapper.json().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema load() {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SCHEMA_TREE, config);
  }
}
