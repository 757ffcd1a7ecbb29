package dev.tributary.pipeline.validation.semantic;

import dev.tributary.pipeline.spec.PipelineDocument;
import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.pipeline.validation.Node;
import dev.tributary.pipeline.validation.ValidationCode;
import dev.tributary.pipeline.validation.ValidationContext;
import dev.tributary.pipeline.validation.ValidationError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks of one document share: the errors found so far, and what the checks before have
 * resolved about its sources, tables and steps for the checks after them.
 */
final class CheckContext {

  /** How many partitions a node's records are spread over, and which input topic says so. */
  record Partitions(int count, String input) {}

  private final PipelineDocument document;
  private final String team;
  private final String topicPrefix;
  private final List<ValidationError> errors = new ArrayList<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, JoinPlan> joins = new HashMap<>();
  private final Map<String, Partitions> partitions = new HashMap<>();
  private final Map<String, Duration> lateness = new HashMap<>();
  private final Set<String> versionedTables = new HashSet<>();

  /** Topic to what reads it; Kafka Streams subscribes to each topic once per application. */
  private final Map<String, String> readTopics = new HashMap<>();

  private final Map<StepSpec, Integer> stepIndex = new IdentityHashMap<>();

  CheckContext(PipelineDocument document, ValidationContext submittedTo) {
    this.document = document;
    String declared = document.metadata().team();
    boolean declaredValid = declared == null || NameChecks.isDnsLabel(declared);
    this.team = submittedTo.team() != null ? submittedTo.team() : declaredValid ? declared : null;
    // An invalid team already has its error; checking every topic against it would only add noise.
    this.topicPrefix =
        submittedTo.topicPrefix() != null
            ? submittedTo.topicPrefix()
            : team == null ? "" : team + ".";
    List<StepSpec> steps = document.spec().stepsOrEmpty();
    for (int i = 0; i < steps.size(); i++) {
      stepIndex.put(steps.get(i), i);
    }
  }

  void error(String path, ValidationCode code, String message) {
    errors.add(new ValidationError(path, code, message));
  }

  List<ValidationError> errors() {
    return errors;
  }

  PipelineDocument document() {
    return document;
  }

  PipelineSpec spec() {
    return document.spec();
  }

  /** The owning team: the one submitted to, else the document's own when it is valid; or null. */
  String team() {
    return team;
  }

  /** What every topic of the pipeline starts with; empty when no team is known. */
  String topicPrefix() {
    return topicPrefix;
  }

  /** Where a step is written in the document. */
  int stepIndex(StepSpec step) {
    return stepIndex.get(step);
  }

  /** Every source, table, step and branch resolved so far, by the name later steps use. */
  Map<String, Node> nodes() {
    return nodes;
  }

  /** How each join step is carried out, by step name. */
  Map<String, JoinPlan> joins() {
    return joins;
  }

  /** The declared partitions behind each node, where the document says. */
  Map<String, Partitions> partitions() {
    return partitions;
  }

  /** The allowed lateness of each source that declares one. */
  Map<String, Duration> lateness() {
    return lateness;
  }

  Set<String> versionedTables() {
    return versionedTables;
  }

  Map<String, String> readTopics() {
    return readTopics;
  }

  /** A node whose records come from {@code input}'s partitions without a repartition. */
  void keepPartitions(String name, Node input) {
    Partitions p = partitions.get(input.name());
    if (p != null) {
      partitions.putIfAbsent(name, p);
    }
  }
}
