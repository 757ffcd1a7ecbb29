package dev.tributary.pipeline.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import java.util.List;

/**
 * The one validation function of the language, used by every entry point: the REST API, the
 * admission webhook, the operator and the worker. It never throws: malformed input, wrong types
 * and every semantic problem come back as {@link ValidationError}s, all of them at once.
 *
 * <p>It runs in three passes, each only when the previous one succeeded: syntax (YAML or JSON),
 * structure (the published JSON Schema), meaning (names, references, cycles, expressions, keys,
 * windows, topics).
 */
public final class PipelineValidator {

  /** Documents larger than this are refused before parsing (the API refuses them with 413). */
  public static final int MAX_DOCUMENT_CHARS = 1_000_000;

  private static final ObjectReader JSON_READER =
      PipelineMapper.json().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectReader YAML_READER =
      PipelineMapper.yaml().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private PipelineValidator() {}

  /** Validates a document in YAML or JSON, with no team known beyond the document's own. */
  public static ValidationResult validate(String text) {
    return validate(text, ValidationContext.NONE);
  }

  public static ValidationResult validate(String text, ValidationContext context) {
    if (text == null || text.isBlank()) {
      return failed(null, List.of(new ValidationError("", "empty-document", "the document is empty")));
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      return failed(
          null,
          List.of(
              new ValidationError(
                  "",
                  "document-too-large",
                  "the document has " + text.length() + " characters; the limit is "
                      + MAX_DOCUMENT_CHARS)));
    }
    JsonNode tree;
    try {
      tree = looksLikeJson(text) ? JSON_READER.readTree(text) : YAML_READER.readTree(text);
    } catch (JsonProcessingException e) {
      return failed(null, List.of(syntaxError(e)));
    } catch (Exception | StackOverflowError e) {
      return failed(
          null, List.of(new ValidationError("", "syntax", "the document cannot be read: " + e)));
    }
    return validate(tree, context);
  }

  /** Validates a parsed document (the operator hands the custom resource's fields this way). */
  public static ValidationResult validate(JsonNode tree, ValidationContext context) {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return failed(null, List.of(new ValidationError("", "empty-document", "the document is empty")));
    }
    List<ValidationError> structural = StructureChecks.check(tree);
    if (!structural.isEmpty()) {
      return failed(null, structural);
    }
    PipelineDocument document;
    try {
      document = PipelineMapper.json().treeToValue(tree, PipelineDocument.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The schema admits only what binds; reaching this is a bug in the schema, not the input.
      return failed(
          null,
          List.of(
              new ValidationError(
                  "", "structure", "the document does not match the model: " + e.getMessage())));
    }
    return SemanticChecks.check(document, context == null ? ValidationContext.NONE : context);
  }

  /** Validates an already-bound document (the control plane re-checks stored revisions). */
  public static ValidationResult validate(PipelineDocument document, ValidationContext context) {
    return validate(PipelineMapper.json().valueToTree(document), context);
  }

  /** Reads a document without validating it, for callers that hold a validated one. */
  public static PipelineDocument read(String text) throws JsonProcessingException {
    ObjectMapper mapper = looksLikeJson(text) ? PipelineMapper.json() : PipelineMapper.yaml();
    return mapper.readValue(text, PipelineDocument.class);
  }

  private static boolean looksLikeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  private static ValidationError syntaxError(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where =
        at == null || at.getLineNr() < 0
            ? ""
            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith("Duplicate field")) {
      return new ValidationError("", "duplicate-key", message.replace("Duplicate field", "duplicate key") + where);
    }
    return new ValidationError("", "syntax", "the document is not valid YAML or JSON: " + firstLine(message) + where);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static ValidationResult failed(PipelineDocument document, List<ValidationError> errors) {
    return new ValidationResult(document, null, errors);
  }
}
