package dev.tributary.worker.deadletter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Sends failed outcomes to the pipeline's dead-letter topic and passes the others on. */
public final class DeadLetters {

  private static final String FAILED = "dead-letter";
  private static final String PASSED = "ok";

  private final String pipeline;
  private final String topic;
  private final DeadLetterCounter counter;

  /** The other children of each processor with a branch, once the topology is built. */
  private final Map<String, List<String>> passOn = new ConcurrentHashMap<>();

  public DeadLetters(String pipeline, String topic, DeadLetterCounter counter) {
    this.pipeline = pipeline;
    this.topic = topic;
    this.counter = counter;
  }

  /**
   * Adds the dead-letter branch under the output of a step's own processor, which forwards its
   * values to its other children ({@link #passOn}) and each failure by name to this branch ({@link
   * #forward}). The branch ignores whatever else reaches it. So one processor both passes records
   * on and dead-letters them, where {@link #route} needs a split and two more processors per
   * record.
   *
   * @param at the name of the step's processor, a unique prefix for the branch's names
   */
  public void attach(KStream<String, ?> output, String at) {
    // Kafka Streams does not check value types between processors: failures reach the branch
    // on a stream declared with the step's values.
    @SuppressWarnings("unchecked")
    KStream<String, Object> values = (KStream<String, Object>) output;
    values
        .processValues(deadLetterRecords(), Named.as(branch(at)))
        .to(
            topic,
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(at + ".dead-letter"));
  }

  /**
   * Learns, from the built topology, the children of each processor with a branch other than the
   * branch, so that the processor can pass its records to them alone ({@link #passOn}).
   */
  public void learn(TopologyDescription topology) {
    for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
      for (TopologyDescription.Node node : subtopology.nodes()) {
        String branch = branch(node.name());
        if (node.successors().stream().anyMatch(child -> child.name().equals(branch))) {
          passOn.put(
              node.name(),
              node.successors().stream()
                  .map(TopologyDescription.Node::name)
                  .filter(name -> !name.equals(branch))
                  .toList());
        }
      }
    }
  }

  /**
   * The children of the processor {@code at} that its records go to by name: all but its branch.
   * Null for a topology that was not {@link #learn}ed; its processors forward to all children, and
   * the branch ignores what is not a failure.
   */
  public List<String> passOn(String at) {
    return passOn.get(at);
  }

  /** Sends a failed record from the processor {@code at} to its {@link #attach}ed branch. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void forward(
      FixedKeyProcessorContext<String, ?> context,
      FixedKeyRecord<String, ?> record,
      String at,
      Outcome.Failure failure) {
    ((FixedKeyProcessorContext) context).forward(record.withValue(failure), branch(at));
  }

  private FixedKeyProcessorSupplier<String, Object, byte[]> deadLetterRecords() {
    return () -> new DeadLetterRecordProcessor(pipeline, counter);
  }

  private static String branch(String at) {
    return at + ".dead-letter-record";
  }

  /**
   * Splits {@code outcomes}: failures are written to the dead-letter topic, values flow on.
   *
   * @param at a unique prefix for the operator names, such as the step's name
   */
  public <V> KStream<String, V> route(KStream<String, Outcome<V>> outcomes, String at) {
    String prefix = at + ".outcome-";
    Map<String, KStream<String, Outcome<V>>> branches =
        outcomes
            .split(Named.as(prefix))
            .branch((key, outcome) -> outcome.isFailure(), Branched.as(FAILED))
            .defaultBranch(Branched.as(PASSED));
    branches
        .get(prefix + FAILED)
        .processValues(deadLetterRecords(), Named.as(branch(at)))
        .to(
            topic,
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(at + ".dead-letter"));
    return branches.get(prefix + PASSED).mapValues(Outcome::value, Named.as(at + ".passed"));
  }
}
