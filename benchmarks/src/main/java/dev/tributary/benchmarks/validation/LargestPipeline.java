package dev.tributary.benchmarks.validation;

import static dev.tributary.pipeline.validation.PipelineLimits.MAX_BRANCHES;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_DESCRIPTION;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_EXPRESSIONS;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_FIELDS;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_LABELS;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_OUTPUT_FIELDS;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_SINKS;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_SOURCES;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_STEPS;
import static dev.tributary.pipeline.validation.PipelineLimits.MAX_TABLES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.pipeline.expr.Expressions;
import dev.tributary.pipeline.validation.PipelineValidator;
import java.util.List;

/**
 * The largest pipeline the validator accepts, built in code: every count at its limit (sources,
 * tables, steps with branches, branches of one step, sinks, output fields of one select, labels,
 * expressions), every source and table as wide as allowed, expressions near their node limit, a
 * description as long as allowed; written as compact JSON, it stays under the document's size
 * limit.
 *
 * <p>{@code variant} goes into a literal of every expression: validation caches the check of each
 * expression, so a new variant makes every check cold, and the same variant again warm.
 */
final class LargestPipeline {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES =
      List.of("double", "int", "string", "bool", "timestamp", "list<string>", "map<string,int>");

  /** Joins of a source with its table; each join writes the output fields of both. */
  private static final int JOINS = MAX_SOURCES;

  /** Groups of fields of every type that every source and table has in full. */
  private static final int FIELD_GROUPS = (MAX_FIELDS - 2) / TYPES.size();

  private final int variant;
  private int expressions;

  private LargestPipeline(int variant) {
    this.variant = variant;
  }

  static String json(int variant) {
    String json = new LargestPipeline(variant).document().toString();
    if (json.length() > PipelineValidator.MAX_DOCUMENT_CHARS) {
      throw new IllegalStateException(
          "the largest pipeline has " + json.length() + " characters, over the document limit");
    }
    return json;
  }

  /**
   * The shape the validator took 8.7 s on before its limits: one branch step with {@code branches}
   * branches, each with a condition of its own.
   */
  static String branches(int branches, int variant) {
    ObjectNode document = header(variant);
    ObjectNode spec = document.putObject("spec");
    spec.putArray("sources").add(input("s0", 3));
    ArrayNode routes =
        spec.putArray("steps")
            .addObject()
            .put("name", "route")
            .put("input", "s0")
            .putArray("branch");
    for (int i = 0; i < branches; i++) {
      routes.addObject().put("name", "b" + i).put("when", "amount > " + (variant + i) + ".5");
    }
    spec.putArray("sinks")
        .addObject()
        .put("name", "out")
        .put("input", "route.b0")
        .put("topic", "payments.out");
    return document.toString();
  }

  private JsonNode document() {
    ObjectNode document = header(variant);
    ObjectNode metadata = (ObjectNode) document.get("metadata");
    // Two UTF-16 units each: the limit counts characters, as PostgreSQL's varchar does.
    metadata.put("description", "\uD83C\uDF0A".repeat(MAX_DESCRIPTION));
    ObjectNode labels = metadata.putObject("labels");
    for (int i = 0; i < MAX_LABELS; i++) {
      labels.put(
          "tributary.dev/" + ("label-" + i + "-").repeat(10).substring(0, 60) + "x" + i % 10,
          ("value-" + i + "-").repeat(10).substring(0, 62) + "v");
    }
    ObjectNode spec = document.putObject("spec");
    ArrayNode sources = spec.putArray("sources");
    ArrayNode tables = spec.putArray("tables");
    for (int i = 0; i < MAX_SOURCES; i++) {
      sources.add(input("s" + i, MAX_FIELDS));
    }
    for (int i = 0; i < MAX_TABLES; i++) {
      tables.add(input("t" + i, MAX_FIELDS));
    }
    ArrayNode steps = spec.putArray("steps");
    ArrayNode routes = step(steps, "route", "s0").putArray("branch");
    for (int i = 0; i < MAX_BRANCHES - 1; i++) {
      routes.addObject().put("name", "b" + i).put("when", condition(i, 8));
    }
    routes.addObject().put("name", "rest");
    ObjectNode wide = step(steps, "wide", "route.b0").putObject("select");
    for (int i = 0; i < MAX_OUTPUT_FIELDS; i++) {
      wide.put("o" + i, expression(doubleField(i) + " + " + (variant + i) + ".0"));
    }
    // Each source joined with its table; the first join selects what the expression limit
    // leaves once every other expression is written, the others keep every field of both sides.
    ObjectNode firstJoin = null;
    for (int i = 0; i < JOINS; i++) {
      ObjectNode join =
          step(steps, "enriched-" + i, i == 0 ? "route.b1" : "s" + i)
              .putObject("join")
              .put("with", "t" + i)
              .put("key", expression("k"));
      firstJoin = i == 0 ? join : firstJoin;
    }
    String previous = "enriched-1";
    for (int i = 0; steps.size() + MAX_BRANCHES < MAX_STEPS; i++) {
      ObjectNode step = step(steps, "checked-" + i, previous);
      if (i % 2 == 0) {
        step.put("filter", condition(i, 30));
      } else {
        step.put("rekey", expression("k + '" + i + "'"));
      }
      previous = "checked-" + i;
    }
    ArrayNode sinks = spec.putArray("sinks");
    for (int i = 0; i < MAX_SINKS; i++) {
      sinks
          .addObject()
          .put("name", "out-" + i)
          .put("input", i < JOINS - 1 ? "enriched-" + (i + 1) : previous)
          .put("topic", "payments.out-" + i)
          .put("key", expression("k + '" + variant + "'"));
    }
    ObjectNode select = firstJoin.putObject("select");
    for (int j = 0; expressions < MAX_EXPRESSIONS; j++) {
      select.put("j" + j, expression(doubleField(j) + " * " + (variant + j) + ".0"));
    }
    return document;
  }

  private static ObjectNode header(int variant) {
    ObjectNode document = JSON.createObjectNode();
    document.put("apiVersion", "tributary.dev/v1alpha1").put("kind", "Pipeline");
    document
        .putObject("metadata")
        .put("name", ("largest-" + variant + "-").repeat(8).substring(0, 62) + "z")
        .put("team", "payments");
    return document;
  }

  /** A source or table keyed by {@code k}, with {@code amount} and fields of every type. */
  private static ObjectNode input(String name, int width) {
    ObjectNode input = JSON.createObjectNode();
    input.put("name", name).put("topic", "payments." + name);
    input.putObject("key").put("field", "k");
    ObjectNode fields = input.putObject("fields");
    fields.put("k", "string").put("amount", "double");
    for (int i = 0; fields.size() < width; i++) {
      fields.put("f" + i, TYPES.get(i % TYPES.size()));
    }
    return input;
  }

  private static ObjectNode step(ArrayNode steps, String name, String input) {
    return steps.addObject().put("name", name).put("input", input);
  }

  /**
   * A condition over several fields of every type, with {@code terms} comparisons: near the node
   * limit of an expression at 30.
   */
  private String condition(int seed, int terms) {
    StringBuilder condition = new StringBuilder("amount > " + (variant + seed) + ".5");
    for (int t = 1; t < terms; t++) {
      int field = (seed + t) % FIELD_GROUPS * TYPES.size();
      String term =
          switch (t % 4) {
            case 0 -> "f" + field + " < " + t + ".5";
            case 1 -> "f" + (field + 1) + " != " + t;
            case 2 -> "size(f" + (field + 2) + ") > " + t;
            default -> "f" + (field + 3);
          };
      condition.append(t % 2 == 0 ? " && " : " || ").append(term);
    }
    return expression(condition.toString());
  }

  /** A field of type double: the first of a group of fields of every type. */
  private static String doubleField(int i) {
    return "f" + i % FIELD_GROUPS * TYPES.size();
  }

  private String expression(String source) {
    if (source.length() > Expressions.MAX_SOURCE_LENGTH) {
      throw new IllegalStateException("an expression over the length limit: " + source);
    }
    expressions++;
    return source;
  }

  static String describe(String json) {
    try {
      JsonNode spec = JSON.readTree(json).path("spec");
      int branches = 0;
      for (JsonNode step : spec.path("steps")) {
        branches += step.path("branch").size();
      }
      return String.format(
          "%,d characters: %d sources and %d tables of %d fields, %d steps and %d branches, %d"
              + " sinks, %d expressions",
          json.length(),
          spec.path("sources").size(),
          spec.path("tables").size(),
          spec.path("sources").path(0).path("fields").size(),
          spec.path("steps").size(),
          branches,
          spec.path("sinks").size(),
          MAX_EXPRESSIONS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
