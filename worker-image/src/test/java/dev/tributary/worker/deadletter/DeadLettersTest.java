package dev.tributary.worker.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void aProcessorPassesItsRecordsOnToEveryChildButItsBranch() {
    DeadLetters deadLetters = new DeadLetters("p", "t.dead-letter", new DeadLetterCounter());
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> step =
        builder.<String, String>stream("t.in").mapValues(v -> v, Named.as("step"));
    deadLetters.attach(step, "step");
    step.to("t.out", Produced.as("out"));
    step.mapValues(v -> v, Named.as("other")).to("t.other", Produced.as("other-out"));
    Topology topology = builder.build();

    assertThat(deadLetters.passOn("step")).isNull();
    deadLetters.learn(topology.describe());

    assertThat(deadLetters.passOn("step")).containsExactlyInAnyOrder("out", "other");
    assertThat(deadLetters.passOn("other")).isNull();
  }
}
