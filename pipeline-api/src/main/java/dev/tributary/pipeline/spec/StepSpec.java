package dev.tributary.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One processing step. A step has a name, an input (a source, a table, another step, or a branch of
 * a branch step written {@code step.branch}) and exactly one operation field, whose key is the
 * step's kind.
 */
@JsonPropertyOrder({
  "name",
  "input",
  "filter",
  "select",
  "explode",
  "rekey",
  "branch",
  "deduplicate",
  "aggregate",
  "join"
})
public record StepSpec(
    @JsonPropertyDescription("Name that later steps and sinks use to refer to this step.")
        String name,
    @JsonPropertyDescription(
            "The step's input: a source, a table, a step, or one branch of a branch step"
                + " (step.branch). For a join, the left side.")
        String input,
    @JsonPropertyDescription("Keep only records for which this CEL expression is true.")
        String filter,
    @JsonPropertyDescription(
            "Project, rename and compute fields: output field name to CEL expression. The output"
                + " has exactly these fields.")
        Map<String, String> select,
    @JsonPropertyDescription("Emit one record per element of a list field (flatMap).")
        ExplodeSpec explode,
    @JsonPropertyDescription(
            "Re-key the stream by this CEL expression; Kafka Streams repartitions it before the"
                + " next stateful step.")
        String rekey,
    @JsonPropertyDescription(
            "Route each record to the first branch whose condition holds; a branch without"
                + " `when` takes the rest. Later steps read a branch as `step.branch`.")
        List<BranchSpec> branch,
    @JsonPropertyDescription("Drop records whose key was already seen within a time window.")
        DeduplicateSpec deduplicate,
    @JsonPropertyDescription("Aggregate records grouped by key, unwindowed or over a time window.")
        AggregateSpec aggregate,
    @JsonPropertyDescription(
            "Join the input with another stream or table (stream-table, stream-stream,"
                + " table-table, foreign key).")
        JoinSpec join) {

  /** Which operation fields are set, in declaration order; a valid step has exactly one. */
  @JsonIgnore
  public List<StepKind> kinds() {
    List<StepKind> kinds = new ArrayList<>(1);
    if (filter != null) kinds.add(StepKind.FILTER);
    if (select != null) kinds.add(StepKind.SELECT);
    if (explode != null) kinds.add(StepKind.EXPLODE);
    if (rekey != null) kinds.add(StepKind.REKEY);
    if (branch != null) kinds.add(StepKind.BRANCH);
    if (deduplicate != null) kinds.add(StepKind.DEDUPLICATE);
    if (aggregate != null) kinds.add(StepKind.AGGREGATE);
    if (join != null) kinds.add(StepKind.JOIN);
    return kinds;
  }

  /** The step's kind; only meaningful on a validated step. */
  @JsonIgnore
  public StepKind kind() {
    List<StepKind> kinds = kinds();
    return kinds.size() == 1 ? kinds.get(0) : null;
  }
}
