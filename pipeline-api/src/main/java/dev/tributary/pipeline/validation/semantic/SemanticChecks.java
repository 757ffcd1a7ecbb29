package dev.tributary.pipeline.validation.semantic;

import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.PipelineValidator;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationError;
import dev.tributary.pipeline.validation.ValidationResult;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meaning checks of a structurally valid document, the last pass of {@link PipelineValidator}:
 * one check per concern, in the order the document reads and each after what it depends on.
 * Collects every error; never throws.
 */
public final class SemanticChecks {

  private static final List<String> SECTIONS =
      List.of(
          "apiVersion",
          "kind",
          "metadata",
          "spec.sources",
          "spec.tables",
          "spec.steps",
          "spec.sinks",
          "spec.deadLetter",
          "spec.runtime",
          "spec.upgrade");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");

  private SemanticChecks() {}

  public static ValidationResult check(PipelineDocument document, ValidationContext submittedTo) {
    CheckContext context = new CheckContext(document, submittedTo);
    FieldChecks fields = new FieldChecks(context);
    DurationChecks durations = new DurationChecks(context);
    ExpressionChecks expressions = new ExpressionChecks(context, fields);
    TopicChecks topics = new TopicChecks(context);
    References references = new References(context);
    WindowChecks windows = new WindowChecks(context, fields, durations);

    new MetadataChecks(context, submittedTo).check();
    Set<String> names = new NameChecks(context).check();
    new InputChecks(context, topics, fields, durations).check();
    List<StepSpec> order = new StepOrder(context, references).check(names);
    new StepChecks(
            context,
            fields,
            durations,
            expressions,
            new AggregateChecks(context, fields, expressions, windows),
            new JoinChecks(
                context,
                fields,
                durations,
                expressions,
                windows,
                new CoPartitionChecks(context, expressions)))
        .check(order);
    String deadLetter = new DeadLetterChecks(context, topics).check();
    new SinkChecks(context, topics, references, expressions).check(deadLetter);
    new RuntimeChecks(context, durations).check();
    new UpgradeChecks(context).check();

    List<ValidationError> errors = context.errors();
    // Steps are checked in dependency order; people read errors in document order.
    errors.sort(
        Comparator.comparingInt(SemanticChecks::section)
            .thenComparingInt(SemanticChecks::firstIndex));
    if (!errors.isEmpty()) {
      return new ValidationResult(document, null, errors);
    }
    return new ValidationResult(
        document,
        new ValidatedPipeline(
            document,
            context.team(),
            context.topicPrefix(),
            deadLetter,
            context.nodes(),
            order,
            context.joins()),
        errors);
  }

  private static int section(ValidationError error) {
    for (int i = 0; i < SECTIONS.size(); i++) {
      if (error.path().startsWith(SECTIONS.get(i))) {
        return i;
      }
    }
    return SECTIONS.size();
  }

  private static int firstIndex(ValidationError error) {
    Matcher index = INDEX.matcher(error.path());
    return index.find() ? Integer.parseInt(index.group(1)) : -1;
  }
}
