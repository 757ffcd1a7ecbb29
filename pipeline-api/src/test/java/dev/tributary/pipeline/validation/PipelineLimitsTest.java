package dev.tributary.pipeline.validation;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every limit of {@link PipelineLimits}: a pipeline at the limit is valid, one item more is refused
 * with {@code too-many} (or {@code description-too-long}) at the path of what has too many.
 */
class PipelineLimitsTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void sourcesUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ArrayNode sources = (ArrayNode) document.at("/spec/sources");
          for (int i = 1; i < count; i++) {
            sources.add(input("s" + i));
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline, MAX_SOURCES, "spec.sources", "the pipeline has 51 sources; the limit is 50");
  }

  @Test
  void tablesUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ArrayNode tables = ((ObjectNode) document.get("spec")).putArray("tables");
          for (int i = 0; i < count; i++) {
            tables.add(input("t" + i));
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline, MAX_TABLES, "spec.tables", "the pipeline has 51 tables; the limit is 50");
  }

  @Test
  void stepsUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline = count -> chainOfFilters(count, 0);

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_STEPS,
        "spec.steps",
        "the pipeline has 201 steps and 0 branches, 201 together; the limit is 200 (each branch"
            + " counts as a step); split the pipeline into several");
  }

  @Test
  void branchesCountAsStepsTowardsTheLimit() {
    IntFunction<ObjectNode> pipeline =
        count -> chainOfFilters(count - MAX_BRANCHES - 1, MAX_BRANCHES);

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_STEPS,
        "spec.steps",
        "the pipeline has 137 steps and 64 branches, 201 together; the limit is 200 (each branch"
            + " counts as a step); split the pipeline into several");
  }

  @Test
  void branchesOfOneStepUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline = count -> chainOfFilters(0, count);

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_BRANCHES,
        "spec.steps[0].branch",
        "the step has 65 branches; the limit is 64");
  }

  @Test
  void fieldsOfASourceUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ObjectNode fields = (ObjectNode) document.at("/spec/sources/0/fields");
          for (int i = 0; fields.size() < count; i++) {
            fields.put("f" + i, "string");
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_FIELDS,
        "spec.sources[0].fields",
        "the source declares 501 fields; the limit is 500");
  }

  @Test
  void sinksUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ArrayNode sinks = (ArrayNode) document.at("/spec/sinks");
          for (int i = 1; i < count; i++) {
            sinks
                .addObject()
                .put("name", "out" + i)
                .put("input", "big")
                .put("topic", "payments.out" + i);
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline, MAX_SINKS, "spec.sinks", "the pipeline has 51 sinks; the limit is 50");
  }

  @Test
  void entriesOfASelectUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ObjectNode step = (ObjectNode) document.at("/spec/steps/0");
          step.remove("filter");
          ObjectNode select = step.putObject("select");
          for (int i = 0; i < count; i++) {
            select.put("o" + i, "amount * " + i + ".0");
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_OUTPUT_FIELDS,
        "spec.steps[0].select",
        "the select has 201 entries; the limit is 200");
  }

  @Test
  void aggregationsUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ObjectNode step = (ObjectNode) document.at("/spec/steps/0");
          step.remove("filter");
          ObjectNode aggregates = step.putObject("aggregate").putObject("aggregates");
          for (int i = 0; i < count; i++) {
            aggregates.putObject("a" + i).put("fn", "count");
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_OUTPUT_FIELDS,
        "spec.steps[0].aggregate.aggregates",
        "the aggregate has 201 aggregations; the limit is 200");
  }

  @Test
  void labelsUpToTheLimitAreValidAndOneMoreIsRefused() {
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ObjectNode labels = ((ObjectNode) document.get("metadata")).putObject("labels");
          for (int i = 0; i < count; i++) {
            labels.put("label-" + i, "value");
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline, MAX_LABELS, "metadata.labels", "the pipeline has 65 labels; the limit is 64");
  }

  @Test
  void expressionsUpToTheLimitAreValidAndOneMoreIsRefused() {
    // Selects of 200 entries, after the filter of the minimal pipeline.
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ArrayNode steps = (ArrayNode) document.at("/spec/steps");
          for (int written = 1, step = 0; written < count; step++) {
            ObjectNode select =
                steps
                    .addObject()
                    .put("name", "wide" + step)
                    .put("input", "big")
                    .putObject("select");
            for (int i = 0; i < MAX_OUTPUT_FIELDS && written < count; i++, written++) {
              select.put("o" + i, "amount * " + written + ".0");
            }
          }
          return document;
        };

    assertAcceptedAtAndRefusedOver(
        pipeline,
        MAX_EXPRESSIONS,
        "spec",
        "the pipeline has 501 expressions; the limit is 500 (each is type-checked on its own;"
            + " split the pipeline into several)");
  }

  @Test
  void descriptionIsLimitedInCharactersNotInUtf16Units() {
    // Each wave is two UTF-16 units and one character, as PostgreSQL's varchar counts.
    IntFunction<ObjectNode> pipeline =
        count -> {
          ObjectNode document = minimal();
          ((ObjectNode) document.get("metadata")).put("description", "\uD83C\uDF0A".repeat(count));
          return document;
        };

    assertThat(validate(pipeline.apply(MAX_DESCRIPTION)).errors()).isEmpty();
    assertThat(validate(pipeline.apply(MAX_DESCRIPTION + 1)).errors())
        .containsExactly(
            new ValidationError(
                "metadata.description",
                "description-too-long",
                "the description has 1001 characters; the limit is 1000 (the catalog stores no"
                    + " more); put longer documentation in a link"));
  }

  @Test
  void documentOverALimitIsRefusedBeforeItsStructureIsChecked() {
    // 20,000 branches fill a megabyte; so does a document for which every check has work.
    ObjectNode document = chainOfFilters(0, 20_000);
    document.put("unknown", "a field the schema would report");
    String json = document.toString();

    long started = System.nanoTime();
    ValidationResult result =
        PipelineValidator.validate(json, DocumentSyntax.JSON, ValidationContext.NONE);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(json.length()).isGreaterThan(500_000);
    assertThat(result.errors())
        .extracting(ValidationError::path, ValidationError::code)
        .containsExactly(
            tuple("spec.steps[0].branch", "too-many"),
            tuple("spec.steps", "too-many"),
            tuple("spec", "too-many"));
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  /** Validates the pipeline {@code atLimit} builds with the limit, and with one more. */
  private static void assertAcceptedAtAndRefusedOver(
      IntFunction<ObjectNode> pipeline, int limit, String path, String message) {
    assertThat(validate(pipeline.apply(limit)).errors()).as("at the limit").isEmpty();
    assertThat(validate(pipeline.apply(limit + 1)).errors())
        .as("over the limit")
        .containsExactly(new ValidationError(path, "too-many", message));
  }

  private static ValidationResult validate(JsonNode document) {
    return PipelineValidator.validate(document, ValidationContext.NONE);
  }

  /** One source, one filter, one sink. */
  private static ObjectNode minimal() {
    ObjectNode document = NODES.objectNode();
    document.put("apiVersion", "tributary.dev/v1alpha1").put("kind", "Pipeline");
    document.putObject("metadata").put("name", "limits").put("team", "payments");
    ObjectNode spec = document.putObject("spec");
    spec.putArray("sources").add(input("tx"));
    spec.putArray("steps")
        .addObject()
        .put("name", "big")
        .put("input", "tx")
        .put("filter", "amount > 1.0");
    spec.putArray("sinks")
        .addObject()
        .put("name", "out")
        .put("input", "big")
        .put("topic", "payments.out");
    return document;
  }

  /**
   * {@code steps} filters, each reading the one before, after a branch step of {@code branches}
   * branches when there are any.
   */
  private static ObjectNode chainOfFilters(int steps, int branches) {
    ObjectNode document = minimal();
    ArrayNode all = ((ObjectNode) document.get("spec")).putArray("steps");
    String previous = "tx";
    if (branches > 0) {
      ArrayNode routes = all.addObject().put("name", "route").put("input", "tx").putArray("branch");
      for (int i = 0; i < branches; i++) {
        routes.addObject().put("name", "b" + i).put("when", "amount > " + i + ".0");
      }
      previous = "route.b0";
    }
    for (int i = 0; i < steps; i++) {
      all.addObject().put("name", "s" + i).put("input", previous).put("filter", "amount > 1.0");
      previous = "s" + i;
    }
    ((ObjectNode) document.at("/spec/sinks/0")).put("input", previous);
    return document;
  }

  private static ObjectNode input(String name) {
    ObjectNode input = NODES.objectNode();
    input.put("name", name).put("topic", "payments." + name);
    input.putObject("key").put("field", "country");
    input.putObject("fields").put("amount", "double").put("country", "string");
    return input;
  }
}
