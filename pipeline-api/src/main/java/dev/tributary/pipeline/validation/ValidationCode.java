package dev.tributary.pipeline.validation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stable codes of {@link ValidationError}s, one for each kind of problem a document can have.
 * The value is what clients see and match on; the description is the one line the table of error
 * codes in {@code docs/pipeline-reference.md} gives it, and a test keeps the two alike.
 */
public enum ValidationCode {
  EMPTY_DOCUMENT("empty-document", "The text is empty, blank or only comments."),
  DOCUMENT_TOO_LARGE("document-too-large", "More than 1,000,000 characters."),
  SYNTAX(
      "syntax",
      "Not valid YAML or JSON (with line and column), more than one document, or nesting deeper than 64 levels."),
  DUPLICATE_KEY("duplicate-key", "A key appears twice in one object."),
  YAML_ALIAS(
      "yaml-alias", "A YAML anchor (`&name`) or alias (`*name`); write the value out in full."),
  YAML_TAG(
      "yaml-tag",
      "A YAML tag (`!!str`, `!!binary`, `!custom`, …); quote the value to make it text."),
  AMBIGUOUS_YAML_VALUE(
      "ambiguous-yaml-value",
      "An unquoted YAML value that YAML reads as other than it looks: `yes`, `no`, `on`, `off` as booleans, `010` as octal 8, `0x1F`, `0b101`, `1_000`; write `true`/`false` or a plain decimal number, or quote the text."),
  UNSTORABLE_CHARACTER(
      "unstorable-character",
      "A NUL character (U+0000) or an unpaired UTF-16 surrogate in a key or text of the document, which PostgreSQL cannot store."),
  DESCRIPTION_TOO_LONG(
      "description-too-long",
      "`metadata.description` over 1,000 characters, the most the catalog stores."),
  TOO_MANY(
      "too-many",
      "More sources, tables, steps, branches, fields, sinks, output fields, expressions or labels than the [limits](#limits) allow; the message names the limit."),
  WRONG_TYPE(
      "wrong-type",
      "A value of the wrong JSON type (`expected an integer, got a string`); also a document that is not an object."),
  MISSING_FIELD(
      "missing-field",
      "A required field is missing; also a window without the `size`, `advance` or `gap` its type needs, and an aggregation other than `count` without `of`."),
  UNKNOWN_FIELD(
      "unknown-field",
      "A field the language does not have (with the closest name and the allowed ones); in meaning, a field name that the input's records do not have — in an expression, `key.field` or `eventTime.field`."),
  UNKNOWN_STEP_KIND(
      "unknown-step-kind",
      "A step field that is no step kind, on a step that has none (`flter`: did you mean `filter`)."),
  INVALID_VALUE(
      "invalid-value",
      "A value outside its allowed set or range: an enumeration, partitions, replicas, standbys, `targetLagRecords`, a number too large or not finite."),
  INVALID_DURATION(
      "invalid-duration",
      "Not a duration, zero or negative where more than zero is needed, or longer than `36500d`."),
  INVALID_STRUCTURE("invalid-structure", "Any other schema violation."),
  UNSUPPORTED_API_VERSION(
      "unsupported-api-version", "`apiVersion` is not `tributary.dev/v1alpha1`."),
  WRONG_KIND("wrong-kind", "`kind` is not `Pipeline`."),
  INVALID_NAME("invalid-name", "A name that is not a DNS-1123 label."),
  DUPLICATE_NAME(
      "duplicate-name",
      "A name used twice among sources, tables and steps, among sinks, or among one step's branches."),
  INVALID_LABEL("invalid-label", "A label key or value that Kubernetes would refuse."),
  TEAM_MISMATCH(
      "team-mismatch", "`metadata.team` differs from the team the document is submitted to."),
  NO_INPUTS("no-inputs", "No source and no table."),
  NO_SINKS("no-sinks", "No sink."),
  INVALID_TOPIC("invalid-topic", "Not a Kafka topic name."),
  TOPIC_OUTSIDE_PREFIX("topic-outside-prefix", "A topic outside the team's prefix."),
  DUPLICATE_TOPIC("duplicate-topic", "A topic read by two sources or tables."),
  SINK_IS_INPUT("sink-is-input", "A sink writes a topic the pipeline reads."),
  DEAD_LETTER_CONFLICT(
      "dead-letter-conflict",
      "The dead-letter topic is read by the pipeline or written by a sink."),
  FORMAT_UNSUPPORTED("format-unsupported", "`avro` or `protobuf`, which need a schema registry."),
  INVALID_FIELD_NAME(
      "invalid-field-name",
      "A field name that is not a CEL identifier, or is a CEL reserved word."),
  INVALID_FIELD_TYPE("invalid-field-type", "A field type that is not a type of the language."),
  EVENT_TIME_TYPE("event-time-type", "The event-time field is neither `timestamp` nor `int`."),
  STEP_KIND_MISSING("step-kind-missing", "A step without an operation."),
  STEP_KIND_CONFLICT("step-kind-conflict", "A step with more than one operation."),
  DANGLING_INPUT(
      "dangling-input",
      "An `input`, `with` or sink input that names nothing (with the closest name)."),
  BRANCH_STEP_INPUT(
      "branch-step-input", "A step or sink reads a branch step instead of one of its branches."),
  CYCLE(
      "cycle",
      "Steps that read each other in a cycle, shown in the direction records flow; each cycle is reported once."),
  NEEDS_STREAM(
      "needs-stream", "`explode`, `rekey`, `branch`, `deduplicate` or `aggregate` on a table."),
  EXPRESSION_EMPTY("expression-empty", "An empty expression."),
  EXPRESSION_SYNTAX("expression-syntax", "An expression that does not parse (with its column)."),
  EXPRESSION_TYPE(
      "expression-type",
      "An expression of the wrong type for its place, or an operator or function applied to types it does not take."),
  UNKNOWN_FUNCTION("unknown-function", "A function CEL does not have (`length` → `size`)."),
  EXPRESSION_TOO_COSTLY(
      "expression-too-costly",
      "An expression over the length, nesting or node limits, or a regular expression whose RE2 program is over 5,000 instructions."),
  INVALID_PATTERN(
      "invalid-pattern",
      "A literal pattern of `matches` that RE2 cannot compile: a syntax error, a back-reference or a look-around."),
  EMPTY_SELECT("empty-select", "A `select` without fields."),
  EMPTY_BRANCH("empty-branch", "A `branch` without branches."),
  BRANCH_DEFAULT_NOT_LAST(
      "branch-default-not-last", "A branch without `when` that is not the last."),
  EMPTY_GROUP_BY("empty-group-by", "An empty `groupBy` (leave it out to group by the record key)."),
  NO_AGGREGATES("no-aggregates", "An aggregate without aggregations."),
  DUPLICATE_FIELD(
      "duplicate-field",
      "An aggregate output field named twice, or named `windowStart`/`windowEnd` in a windowed aggregate."),
  NOT_APPLICABLE(
      "not-applicable",
      "A field that does not apply where it is written: `advance` on a tumbling window, `within` on a stream-table join, `asOf` off stream-table joins, `of` on `count`, `key` with `foreignKey`, …"),
  EMIT_FINAL_NEEDS_WINDOW(
      "emit-final-needs-window", "`emit: final` on an aggregate without a window."),
  INVALID_WINDOW("invalid-window", "A hopping window whose `advance` exceeds its `size`."),
  GRACE_MISSING("grace-missing", "A window or stream-stream join without `grace`."),
  GRACE_BELOW_LATENESS("grace-below-lateness", "Grace shorter than a source's `allowedLateness`."),
  JOIN_SIDES("join-sides", "A table joined with a stream on its right."),
  JOIN_TYPE("join-type", "An `outer` stream-table or foreign-key join."),
  JOIN_KEY_MISSING("join-key-missing", "A join that must say what it matches on has no `key`."),
  JOIN_WINDOW_MISSING("join-window-missing", "A stream-stream join without `within`."),
  AS_OF_NEEDS_VERSIONED_TABLE(
      "as-of-needs-versioned-table", "`asOf: true` on a table that is not `versioned`."),
  NOT_CO_PARTITIONED(
      "not-co-partitioned",
      "Join sides keyed differently, or from topics with different declared partitions."),
  REPLICAS_RANGE("replicas-range", "`replicas.min` greater than `replicas.max`."),
  INVALID_QUANTITY("invalid-quantity", "A CPU or memory value that is not a Kubernetes quantity."),
  INTERNAL_ERROR(
      "internal-error",
      "The validator itself failed on the document: a bug in Tributary, please report it with the document.");

  private final String value;
  private final String description;

  ValidationCode(String value, String description) {
    this.value = value;
    this.description = description;
  }

  /** The code as clients see it, for example {@code not-co-partitioned}. */
  @JsonValue
  public String value() {
    return value;
  }

  /** What the code means, in one line of Markdown. */
  public String description() {
    return description;
  }
}
