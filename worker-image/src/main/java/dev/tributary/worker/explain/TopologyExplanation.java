package dev.tributary.worker.explain;

import dev.tributary.pipeline.validation.ValidatedPipeline;
import dev.tributary.worker.topology.TopologyCompiler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What a pipeline compiles to, for people and for the console: Kafka Streams' description of the
 * topology as plain values that serialize to JSON, with the internal topics under their full names.
 * Producing it starts nothing and needs no broker.
 *
 * @param applicationId the Kafka Streams application id, which prefixes every internal topic
 * @param subTopologies the independent parts of the topology, each run as its own tasks
 * @param sourceTopics the topics read, internal ones included, by full name
 * @param sinkTopics the topics written, internal ones included, by full name
 * @param internalTopics repartition, foreign-key and changelog topics Kafka Streams creates
 * @param stores the state stores and their changelog topics
 */
public record TopologyExplanation(
    String applicationId,
    List<SubTopology> subTopologies,
    List<String> sourceTopics,
    List<String> sinkTopics,
    List<String> internalTopics,
    List<Store> stores) {

  /**
   * @param nodes in the order Kafka Streams describes them
   */
  public record SubTopology(int id, List<Node> nodes) {}

  /**
   * @param kind source, processor or sink
   * @param topics the topics a source reads or a sink writes, by full name
   * @param stores the state stores a processor uses
   */
  public record Node(
      String name,
      String kind,
      List<String> topics,
      List<String> stores,
      List<String> predecessors,
      List<String> successors) {}

  public record Store(String name, int subTopology, String changelogTopic) {}

  /** Compiles the pipeline and explains the result. */
  public static TopologyExplanation of(ValidatedPipeline pipeline) {
    return of(pipeline, TopologyCompiler.compile(pipeline));
  }

  public static TopologyExplanation of(ValidatedPipeline pipeline, Topology topology) {
    return new Explainer(pipeline).explain(topology.describe());
  }

  /** Turns a description into the explanation, telling the pipeline's topics from internal ones. */
  private static final class Explainer {

    private final String applicationId;
    private final Set<String> externalTopics = new TreeSet<>();
    private final Set<String> sources = new TreeSet<>();
    private final Set<String> sinks = new TreeSet<>();
    private final Set<String> internal = new TreeSet<>();
    private final List<Store> stores = new ArrayList<>();

    Explainer(ValidatedPipeline pipeline) {
      this.applicationId = pipeline.applicationId();
      pipeline.spec().sourcesOrEmpty().forEach(s -> externalTopics.add(s.topic()));
      pipeline.spec().tablesOrEmpty().forEach(t -> externalTopics.add(t.topic()));
      pipeline.spec().sinksOrEmpty().forEach(s -> externalTopics.add(s.topic()));
      externalTopics.add(pipeline.deadLetterTopic());
    }

    TopologyExplanation explain(TopologyDescription description) {
      List<SubTopology> subTopologies =
          description.subtopologies().stream()
              .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
              .map(this::subTopology)
              .toList();
      return new TopologyExplanation(
          applicationId,
          subTopologies,
          List.copyOf(sources),
          List.copyOf(sinks),
          List.copyOf(internal),
          stores.stream().sorted(Comparator.comparing(Store::name)).toList());
    }

    private SubTopology subTopology(TopologyDescription.Subtopology subTopology) {
      List<Node> nodes = new ArrayList<>();
      Set<String> storeNames = new TreeSet<>();
      for (TopologyDescription.Node node : subTopology.nodes()) {
        nodes.add(node(node, storeNames));
      }
      for (String store : storeNames) {
        String changelog = applicationId + "-" + store + "-changelog";
        internal.add(changelog);
        stores.add(new Store(store, subTopology.id(), changelog));
      }
      return new SubTopology(subTopology.id(), nodes);
    }

    private Node node(TopologyDescription.Node node, Set<String> storeNames) {
      List<String> topics = List.of();
      List<String> nodeStores = List.of();
      String kind;
      switch (node) {
        case TopologyDescription.Source source -> {
          kind = "source";
          topics =
              source.topicSet() == null
                  ? List.of()
                  : source.topicSet().stream().sorted().map(this::fullName).toList();
          sources.addAll(topics);
        }
        case TopologyDescription.Sink sink -> {
          kind = "sink";
          topics = sink.topic() == null ? List.of() : List.of(fullName(sink.topic()));
          sinks.addAll(topics);
        }
        case TopologyDescription.Processor processor -> {
          kind = "processor";
          nodeStores = processor.stores().stream().sorted().toList();
          storeNames.addAll(nodeStores);
        }
        default -> kind = "unknown";
      }
      return new Node(
          node.name(),
          kind,
          topics,
          nodeStores,
          node.predecessors().stream().map(TopologyDescription.Node::name).sorted().toList(),
          node.successors().stream().map(TopologyDescription.Node::name).sorted().toList());
    }

    /** Kafka Streams describes internal topics without the application id that prefixes them. */
    private String fullName(String topic) {
      if (externalTopics.contains(topic)) {
        return topic;
      }
      String name = applicationId + "-" + topic;
      internal.add(name);
      return name;
    }
  }
}
