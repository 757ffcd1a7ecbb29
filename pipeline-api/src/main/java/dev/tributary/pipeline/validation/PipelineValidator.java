package dev.tributary.pipeline.validation;

import static dev.tributary.pipeline.validation.ValidationCode.DOCUMENT_TOO_LARGE;
import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_KEY;
import static dev.tributary.pipeline.validation.ValidationCode.EMPTY_DOCUMENT;
import static dev.tributary.pipeline.validation.ValidationCode.INTERNAL_ERROR;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_VALUE;
import static dev.tributary.pipeline.validation.ValidationCode.SYNTAX;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineMapper;
import dev.tributary.pipeline.validation.semantic.SemanticChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one validation function of the language, used by every entry point: the REST API, the
 * admission webhook, the operator and the worker. It never throws: malformed input, wrong types and
 * every semantic problem come back as {@link ValidationError}s, all of them at once.
 *
 * <p>It runs in three passes, each only when the previous one succeeded: syntax (YAML or JSON),
 * structure (the published JSON Schema), meaning (names, references, cycles, expressions, keys,
 * windows, topics).
 */
public final class PipelineValidator {

  /** Documents larger than this are refused before parsing (the API refuses them with 413). */
  public static final int MAX_DOCUMENT_CHARS = 1_000_000;

  /** Jackson's advice to enable a parser option, which no one sending a document can follow. */
  private static final Pattern PARSER_OPTION =
      Pattern.compile(
          ": enable `JsonReadFeature\\.\\w+` to allow"
              + "| \\(not recognized as one since Feature '\\w+' not enabled for parser\\)");

  private static final Pattern START_MARKER =
      Pattern.compile("\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]\\)");

  /**
   * How deeply a document may nest. A pipeline needs about ten levels; the parsers' default of a
   * thousand lets a small document of nested YAML flow collections cost the scanner a quadratic
   * amount of work.
   */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();
  private static final ObjectReader JSON_READER =
      reader(
          JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
              .build());
  // `key:` with nothing after it is null in YAML, not an empty string: "got nothing" then says
  // what the author wrote.
  private static final ObjectReader YAML_READER =
      reader(
              YAMLMapper.builder(
                      new StrictYamlParser.Factory(
                          YAMLFactory.builder().streamReadConstraints(CONSTRAINTS)))
                  .build())
          .with(YAMLParser.Feature.EMPTY_STRING_AS_NULL);

  private PipelineValidator() {}

  /** Validates a document in YAML or JSON, with no team known beyond the document's own. */
  public static ValidationResult validate(String text) {
    return validate(text, ValidationContext.NONE);
  }

  public static ValidationResult validate(String text, ValidationContext context) {
    return validate(text, DocumentSyntax.DETECT, context);
  }

  /** Validates a document whose syntax the caller knows (from its media type, say). */
  public static ValidationResult validate(
      String text, DocumentSyntax syntax, ValidationContext context) {
    if (text == null || text.isBlank()) {
      return failed(new ValidationError("", EMPTY_DOCUMENT, "the document is empty"));
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      return failed(
          new ValidationError(
              "",
              DOCUMENT_TOO_LARGE,
              "the document has "
                  + text.length()
                  + " characters; the limit is "
                  + MAX_DOCUMENT_CHARS));
    }
    boolean json =
        switch (syntax) {
          case JSON -> true;
          case YAML -> false;
          case DETECT -> looksLikeJson(text);
        };
    JsonNode tree;
    try {
      if (json) {
        tree = JSON_READER.readTree(text);
      } else {
        ValidationError tooLong = StrictYamlParser.tooLongRun(text);
        if (tooLong != null) {
          return failed(tooLong);
        }
        try (JsonParser parser = YAML_READER.createParser(text)) {
          tree = YAML_READER.readTree(parser);
          List<ValidationError> refused = ((StrictYamlParser) parser).refused();
          if (!refused.isEmpty()) {
            return new ValidationResult(null, null, refused);
          }
        }
      }
    } catch (JsonProcessingException e) {
      return failed(syntaxError(e, json));
    } catch (Exception | StackOverflowError e) {
      return failed(
          new ValidationError(
              "", SYNTAX, "the document is not valid " + (json ? "JSON" : "YAML") + ": " + e));
    }
    return validate(tree, context);
  }

  /** Validates a parsed document (the operator hands the custom resource's fields this way). */
  public static ValidationResult validate(JsonNode tree, ValidationContext context) {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return failed(new ValidationError("", EMPTY_DOCUMENT, "the document is empty"));
    }
    try {
      // Before the schema and the meaning checks, whose cost grows with what these bound.
      List<ValidationError> refused = new ArrayList<>(StorableText.check(tree));
      refused.addAll(LimitChecks.check(tree));
      if (!refused.isEmpty()) {
        return new ValidationResult(null, null, refused);
      }
      List<ValidationError> structural = StructureChecks.check(tree);
      if (!structural.isEmpty()) {
        return new ValidationResult(null, null, structural);
      }
      PipelineDocument document;
      try {
        document = PipelineMapper.json().treeToValue(tree, PipelineDocument.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        return failed(bindingError(e));
      }
      return SemanticChecks.check(document, context == null ? ValidationContext.NONE : context);
    } catch (RuntimeException | StackOverflowError e) {
      // Every input must come back as errors; reaching this is a bug in the validator, and the
      // fuzz test fails on this code.
      return failed(
          new ValidationError(
              "",
              INTERNAL_ERROR,
              "the validator could not check this document (a bug in Tributary, please report"
                  + " it): "
                  + e));
    }
  }

  /** Validates an already-bound document (the control plane re-checks stored revisions). */
  public static ValidationResult validate(PipelineDocument document, ValidationContext context) {
    JsonNode tree;
    try {
      tree = PipelineMapper.json().valueToTree(document);
    } catch (IllegalArgumentException e) {
      // A document built in code can hold what no text can, such as a duration too long to write.
      String path = e.getCause() instanceof JsonMappingException mapping ? pathOf(mapping) : "";
      String why =
          e.getCause() instanceof JsonProcessingException p
              ? p.getOriginalMessage()
              : e.getMessage();
      return failed(
          new ValidationError(
              path, INVALID_VALUE, "the value cannot be written: " + firstLine(why)));
    }
    return validate(tree, context);
  }

  /** Reads a document without validating it, for callers that hold a validated one. */
  public static PipelineDocument read(String text) throws JsonProcessingException {
    ObjectMapper mapper = looksLikeJson(text) ? PipelineMapper.json() : PipelineMapper.yaml();
    return mapper.readValue(text, PipelineDocument.class);
  }

  private static ObjectReader reader(ObjectMapper mapper) {
    // Trailing tokens: a second YAML document or JSON value after the first would otherwise be
    // dropped without a word.
    return mapper
        .reader()
        .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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

  private static ValidationError syntaxError(JsonProcessingException e, boolean json) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String where = where(e.getLocation());
    if (message.startsWith("Duplicate field")) {
      String key = message.substring(message.indexOf('\'') + 1, message.lastIndexOf('\''));
      return new ValidationError(
          parsingPath(e, key), DUPLICATE_KEY, "the key '" + key + "' appears twice" + where);
    }
    if (message.startsWith("Document nesting depth")) {
      return new ValidationError(
          "",
          SYNTAX,
          "the document nests deeper than "
              + MAX_NESTING_DEPTH
              + " levels"
              + where
              + "; a pipeline needs far fewer");
    }
    if (message.startsWith("Trailing token")) {
      return new ValidationError(
          "",
          SYNTAX,
          json
              ? "the document has more after its end" + where + "; send one JSON object"
              : "the text holds more than one YAML document"
                  + where
                  + "; send one pipeline per request");
    }
    if (!json && e.getCause() instanceof MarkedYAMLException yaml) {
      String problem = yaml.getProblem() == null ? "unreadable input" : yaml.getProblem();
      if (problem.contains("<block end>") || problem.contains("<block mapping start>")) {
        problem += "; check the indentation";
      }
      String context =
          yaml.getContext() == null
              ? ""
              : yaml.getContext()
                  + (yaml.getContextMark() == null
                      ? ""
                      : " started on line " + (yaml.getContextMark().getLine() + 1))
                  + ": ";
      String at =
          yaml.getProblemMark() == null
              ? where
              : " (line "
                  + (yaml.getProblemMark().getLine() + 1)
                  + ", column "
                  + (yaml.getProblemMark().getColumn() + 1)
                  + ")";
      return new ValidationError(
          "", SYNTAX, "the document is not valid YAML: " + context + problem + at);
    }
    // Jackson names where an unclosed array or object started with a redacted source excerpt.
    String readable =
        PARSER_OPTION
            .matcher(
                START_MARKER
                    .matcher(firstLine(message))
                    .replaceAll("(opened on line $1, column $2)"))
            .replaceAll("");
    return new ValidationError(
        "",
        SYNTAX,
        "the document is not valid " + (json ? "JSON" : "YAML") + ": " + readable + where);
  }

  /** The path of a key the parser was reading when it failed, in the language's path syntax. */
  private static String parsingPath(JsonProcessingException e, String key) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return "";
    }
    String path = "";
    List<JsonStreamContext> contexts = new ArrayList<>();
    for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
      contexts.add(0, c);
    }
    for (JsonStreamContext c : contexts) {
      if (c.inArray()) {
        path = JsonPaths.element(path, Math.max(0, c.getCurrentIndex()));
      } else if (c.inObject()
          && c != contexts.get(contexts.size() - 1)
          && c.getCurrentName() != null) {
        path = JsonPaths.member(path, c.getCurrentName());
      }
    }
    return JsonPaths.member(path, key);
  }

  /** A document the schema admits but the model cannot hold: a number too large for its field. */
  private static ValidationError bindingError(Exception e) {
    String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
    if (e instanceof InputCoercionException
        || e.getCause() instanceof InputCoercionException
        || (e.getMessage() != null && e.getMessage().contains("out of range"))) {
      return new ValidationError(path, INVALID_VALUE, "the number is too large for this field");
    }
    String message =
        e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    return new ValidationError(path, INVALID_VALUE, firstLine(message));
  }

  private static String pathOf(JsonMappingException e) {
    String path = "";
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path = JsonPaths.member(path, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path = JsonPaths.element(path, ref.getIndex());
      }
    }
    return path;
  }

  private static String where(JsonLocation at) {
    return at == null || at.getLineNr() < 0
        ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static ValidationResult failed(ValidationError error) {
    return new ValidationResult(null, null, List.of(error));
  }
}
