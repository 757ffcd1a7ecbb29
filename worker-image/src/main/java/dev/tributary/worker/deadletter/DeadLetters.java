package dev.tributary.worker.deadletter;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Sends failed outcomes to the pipeline's dead-letter topic and passes the others on. */
public final class DeadLetters {

  private static final String FAILED = "dead-letter";
  private static final String PASSED = "ok";

  private final String pipeline;
  private final String topic;
  private final DeadLetterCounter counter;

  public DeadLetters(String pipeline, String topic, DeadLetterCounter counter) {
    this.pipeline = pipeline;
    this.topic = topic;
    this.counter = counter;
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
        .processValues(
            () -> new DeadLetterRecordProcessor<V>(pipeline, counter),
            Named.as(at + ".dead-letter-record"))
        .to(
            topic,
            Produced.with(Serdes.String(), Serdes.ByteArray()).withName(at + ".dead-letter"));
    return branches.get(prefix + PASSED).mapValues(Outcome::value, Named.as(at + ".passed"));
  }
}
