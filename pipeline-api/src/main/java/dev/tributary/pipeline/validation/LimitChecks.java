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
import static dev.tributary.pipeline.validation.ValidationCode.DESCRIPTION_TOO_LONG;
import static dev.tributary.pipeline.validation.ValidationCode.TOO_MANY;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link PipelineLimits} of a parsed document, checked before the schema and the meaning checks
 * so that their cost never depends on more than the limits allow. Reads only the places the limits
 * are about, and leaves values of the wrong type there to the schema.
 */
final class LimitChecks {

  private final List<ValidationError> errors = new ArrayList<>();
  private int expressions;

  private LimitChecks() {}

  static List<ValidationError> check(JsonNode document) {
    LimitChecks checks = new LimitChecks();
    checks.metadata(document.path("metadata"));
    checks.spec(document.path("spec"));
    return checks.errors;
  }

  private void metadata(JsonNode metadata) {
    JsonNode description = metadata.path("description");
    if (description.isTextual()) {
      String text = description.textValue();
      int length = text.codePointCount(0, text.length());
      if (length > MAX_DESCRIPTION) {
        errors.add(
            new ValidationError(
                "metadata.description",
                DESCRIPTION_TOO_LONG,
                "the description has "
                    + length
                    + " characters; the limit is "
                    + MAX_DESCRIPTION
                    + " (the catalog stores no more); put longer documentation in a link"));
      }
    }
    atMost("metadata.labels", metadata.path("labels"), MAX_LABELS, "the pipeline has", "labels");
  }

  private void spec(JsonNode spec) {
    JsonNode sources = spec.path("sources");
    atMost("spec.sources", sources, MAX_SOURCES, "the pipeline has", "sources");
    fields("spec.sources", sources, "source");
    JsonNode tables = spec.path("tables");
    atMost("spec.tables", tables, MAX_TABLES, "the pipeline has", "tables");
    fields("spec.tables", tables, "table");
    steps(spec.path("steps"));
    JsonNode sinks = spec.path("sinks");
    atMost("spec.sinks", sinks, MAX_SINKS, "the pipeline has", "sinks");
    if (sinks.isArray()) {
      sinks.forEach(sink -> expression(sink.path("key")));
    }
    if (expressions > MAX_EXPRESSIONS) {
      errors.add(
          new ValidationError(
              "spec",
              TOO_MANY,
              "the pipeline has "
                  + expressions
                  + " expressions; the limit is "
                  + MAX_EXPRESSIONS
                  + " (each is type-checked on its own; split the pipeline into several)"));
    }
  }

  private void fields(String path, JsonNode inputs, String what) {
    if (!inputs.isArray()) {
      return;
    }
    for (int i = 0; i < inputs.size(); i++) {
      atMost(
          JsonPaths.element(path, i) + ".fields",
          inputs.get(i).path("fields"),
          MAX_FIELDS,
          "the " + what + " declares",
          "fields");
    }
  }

  private void steps(JsonNode steps) {
    if (!steps.isArray()) {
      return;
    }
    int branches = 0;
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String path = JsonPaths.element("spec.steps", i);
      expression(step.path("filter"));
      expression(step.path("rekey"));
      expression(step.path("explode").path("items"));
      expression(step.path("deduplicate").path("key"));
      outputFields(path + ".select", step.path("select"), "the select has");
      JsonNode branch = step.path("branch");
      if (branch.isArray()) {
        branches += branch.size();
        atMost(path + ".branch", branch, MAX_BRANCHES, "the step has", "branches");
        branch.forEach(b -> expression(b.path("when")));
      }
      JsonNode aggregate = step.path("aggregate");
      outputFields(path + ".aggregate.groupBy", aggregate.path("groupBy"), "groupBy has");
      JsonNode aggregates = aggregate.path("aggregates");
      atMost(
          path + ".aggregate.aggregates",
          aggregates,
          MAX_OUTPUT_FIELDS,
          "the aggregate has",
          "aggregations");
      if (aggregates.isObject()) {
        aggregates.forEach(a -> expression(a.path("of")));
      }
      JsonNode join = step.path("join");
      expression(join.path("key"));
      expression(join.path("foreignKey"));
      outputFields(path + ".join.select", join.path("select"), "the join's select has");
    }
    if (steps.size() + branches > MAX_STEPS) {
      errors.add(
          new ValidationError(
              "spec.steps",
              TOO_MANY,
              "the pipeline has "
                  + steps.size()
                  + " steps and "
                  + branches
                  + " branches, "
                  + (steps.size() + branches)
                  + " together; the limit is "
                  + MAX_STEPS
                  + " (each branch counts as a step); split the pipeline into several"));
    }
  }

  /** A map of output field names to expressions. */
  private void outputFields(String path, JsonNode entries, String subject) {
    atMost(path, entries, MAX_OUTPUT_FIELDS, subject, "entries");
    if (entries.isObject()) {
      entries.forEach(this::expression);
    }
  }

  private void expression(JsonNode value) {
    if (value.isTextual()) {
      expressions++;
    }
  }

  private void atMost(String path, JsonNode container, int limit, String subject, String items) {
    boolean counted = container.isArray() || container.isObject();
    if (counted && container.size() > limit) {
      errors.add(
          new ValidationError(
              path,
              TOO_MANY,
              subject + " " + container.size() + " " + items + "; the limit is " + limit));
    }
  }
}
