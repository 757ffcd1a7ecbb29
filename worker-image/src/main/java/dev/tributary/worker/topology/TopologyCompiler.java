package dev.tributary.worker.topology;

import dev.tributary.pipeline.expr.RecordType;
import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.pipeline.spec.TableSpec;
import dev.tributary.pipeline.validation.JoinPlan;
import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.deadletter.DeadLetterCounter;
import dev.tributary.worker.deadletter.DeadLetters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * Compiles a validated pipeline into a Kafka Streams {@link Topology}: sources and tables, then
 * each step in dependency order, then the sinks. Expressions are compiled here, once; operators,
 * state stores and internal topics are named after the pipeline's own names, so that a topology
 * keeps its state when steps are added elsewhere in the pipeline.
 */
public final class TopologyCompiler {

  private final CompileContext context;
  private final Map<String, Flow> flows = new HashMap<>();
  private final Map<String, Integer> readers = new HashMap<>();

  private TopologyCompiler(ValidatedPipeline pipeline, DeadLetterCounter deadLetters) {
    this.context =
        new CompileContext(
            new StreamsBuilder(topologyConfig(pipeline)),
            pipeline,
            new DeadLetters(pipeline.name(), pipeline.deadLetterTopic(), deadLetters));
  }

  public static Topology compile(ValidatedPipeline pipeline) {
    return compile(pipeline, new DeadLetterCounter());
  }

  /**
   * @param deadLetters counts the records this topology dead-letters, for the worker's metrics
   */
  public static Topology compile(ValidatedPipeline pipeline, DeadLetterCounter deadLetters) {
    return new TopologyCompiler(pipeline, deadLetters).build();
  }

  private Topology build() {
    ValidatedPipeline pipeline = context.pipeline();
    countReaders(pipeline);
    for (SourceSpec source : pipeline.spec().sourcesOrEmpty()) {
      put(source.name(), SourceStep.source(context, source, type(source.name())));
    }
    for (TableSpec table : pipeline.spec().tablesOrEmpty()) {
      put(
          table.name(),
          SourceStep.table(context, table, type(table.name()), fieldsRead(pipeline, table)));
    }
    for (StepSpec step : pipeline.stepsInOrder()) {
      step(step);
    }
    for (SinkSpec sink : pipeline.spec().sinksOrEmpty()) {
      SinkStep.apply(context, flows.get(sink.input()), sink);
    }
    Topology topology = context.builder().build();
    context.deadLetters().learn(topology.describe());
    return topology;
  }

  /**
   * How many steps and sinks read each node. Stateless steps join the steps before them in one
   * processor only where they are those steps' one reader; a node read several times (or never)
   * becomes a processor of its own, as if it were not followed by stateless steps.
   */
  private void countReaders(ValidatedPipeline pipeline) {
    for (StepSpec step : pipeline.stepsInOrder()) {
      readers.merge(step.input(), 1, Integer::sum);
      if (step.join() != null) {
        readers.merge(step.join().with(), 1, Integer::sum);
      }
    }
    for (SinkSpec sink : pipeline.spec().sinksOrEmpty()) {
      readers.merge(sink.input(), 1, Integer::sum);
    }
  }

  /**
   * The fields of a table's rows that its readers look at, when each reader is a stream–table join
   * with the table's latest rows: such a join reads no more of a row than {@link
   * JoinStep#rightFieldsRead} says. Null — every field — for a table read any other way (a step on
   * its rows, a table–table or foreign-key join, a sink, a versioned table).
   */
  private Set<String> fieldsRead(ValidatedPipeline pipeline, TableSpec table) {
    if (table.versioned() != null) {
      return null;
    }
    Set<String> fields = new HashSet<>();
    for (StepSpec step : pipeline.stepsInOrder()) {
      if (table.name().equals(step.input())) {
        return null;
      }
      if (step.join() != null && table.name().equals(step.join().with())) {
        JoinPlan plan = pipeline.join(step.name());
        if (plan.shape() != JoinPlan.Shape.STREAM_TABLE) {
          return null;
        }
        fields.addAll(JoinStep.rightFieldsRead(step, plan));
      }
    }
    for (SinkSpec sink : pipeline.spec().sinksOrEmpty()) {
      if (table.name().equals(sink.input())) {
        return null;
      }
    }
    return fields;
  }

  private void put(String node, Flow flow) {
    flows.put(node, readers.getOrDefault(node, 0) == 1 ? flow : flow.shared());
  }

  private void step(StepSpec step) {
    Flow in = flows.get(step.input());
    switch (step.kind()) {
      case FILTER -> put(step.name(), FilterStep.apply(context, in, step));
      case SELECT -> put(step.name(), SelectStep.apply(context, in, step, out(step)));
      case EXPLODE -> put(step.name(), ExplodeStep.apply(context, in, step, out(step)));
      case REKEY -> put(step.name(), RekeyStep.apply(context, in, step));
      case BRANCH -> BranchStep.apply(context, in, step).forEach(this::put);
      case DEDUPLICATE -> put(step.name(), DeduplicateStep.apply(context, in, step));
      case AGGREGATE -> put(step.name(), AggregateStep.apply(context, in, step, out(step)));
      case JOIN ->
          put(
              step.name(),
              JoinStep.apply(
                  context,
                  in,
                  flows.get(step.join().with()),
                  step,
                  context.pipeline().join(step.name()),
                  out(step)));
    }
  }

  /**
   * Refuses to build a topology with an internal topic or store that Kafka Streams would name by
   * counting operators (KIP-1111): such names shift when a step is added, and the state behind them
   * would be lost on upgrade.
   */
  private static TopologyConfig topologyConfig(ValidatedPipeline pipeline) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, pipeline.applicationId());
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    return new TopologyConfig(new StreamsConfig(config));
  }

  private RecordType type(String node) {
    return context.pipeline().node(node).type();
  }

  private RecordType out(StepSpec step) {
    return type(step.name());
  }
}
