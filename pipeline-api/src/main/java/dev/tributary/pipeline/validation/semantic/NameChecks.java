package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.DUPLICATE_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.INVALID_NAME;
import static dev.tributary.pipeline.validation.ValidationCode.NO_INPUTS;
import static dev.tributary.pipeline.validation.ValidationCode.NO_SINKS;

import dev.tributary.pipeline.spec.PipelineSpec;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.TableSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names: sources, tables and steps share one namespace, sinks have their own, and every name is a
 * DNS-1123 label, because names become parts of Kubernetes and Kafka names. A pipeline reads at
 * least one input and writes at least one sink.
 */
final class NameChecks {

  private static final Pattern DNS_1123_LABEL =
      Pattern.compile("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$");

  private final CheckContext context;

  NameChecks(CheckContext context) {
    this.context = context;
  }

  /** Checks every name; returns the names of the sources, tables and steps. */
  Set<String> check() {
    PipelineSpec spec = context.spec();
    Map<String, String> seen = new HashMap<>();
    List<SourceSpec> sources = spec.sourcesOrEmpty();
    for (int i = 0; i < sources.size(); i++) {
      uniqueName(seen, sources.get(i).name(), "spec.sources[" + i + "]");
    }
    List<TableSpec> tables = spec.tablesOrEmpty();
    for (int i = 0; i < tables.size(); i++) {
      uniqueName(seen, tables.get(i).name(), "spec.tables[" + i + "]");
    }
    List<StepSpec> steps = spec.stepsOrEmpty();
    for (int i = 0; i < steps.size(); i++) {
      uniqueName(seen, steps.get(i).name(), "spec.steps[" + i + "]");
    }
    Map<String, String> sinkNames = new HashMap<>();
    List<SinkSpec> sinks = spec.sinksOrEmpty();
    for (int i = 0; i < sinks.size(); i++) {
      uniqueName(sinkNames, sinks.get(i).name(), "spec.sinks[" + i + "]");
    }
    if (sources.isEmpty() && tables.isEmpty()) {
      context.error("spec.sources", NO_INPUTS, "a pipeline reads at least one source or table");
    }
    if (sinks.isEmpty()) {
      context.error("spec.sinks", NO_SINKS, "a pipeline writes to at least one sink");
    }
    return seen.keySet();
  }

  private void uniqueName(Map<String, String> seen, String name, String path) {
    if (!isDnsLabel(name)) {
      context.error(path + ".name", INVALID_NAME, notDnsLabel(name));
    }
    String previous = seen.putIfAbsent(name, path);
    if (previous != null) {
      context.error(
          path + ".name", DUPLICATE_NAME, "the name '" + name + "' is already used by " + previous);
    }
  }

  static boolean isDnsLabel(String name) {
    return DNS_1123_LABEL.matcher(name).matches();
  }

  static String notDnsLabel(String name) {
    return "'"
        + name
        + "' is not a DNS-1123 label: use lower-case letters, digits and '-', start with a letter, end with a letter or digit, at most 63 characters";
  }
}
