package dev.tributary.worker.topology;

import dev.tributary.pipeline.spec.SinkSpec;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.StepExpression;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A sink writes its input as JSON: a stream's records, or a table's changes (deletes as
 * tombstones). With a {@code key} expression each record gets the key it computes; a table's
 * tombstones are then dropped, since a deleted row has no fields to compute a key from.
 */
final class SinkStep {

  private SinkStep() {}

  static void apply(CompileContext context, Flow in, SinkSpec sink) {
    String at = sink.name() + ".sink";
    KStream<String, Map<String, Object>> records =
        in.isStream() ? in.stream() : in.table().toStream(Named.as(at + "-changes"));
    if (sink.key() != null) {
      StepExpression key = StepExpression.compile(sink.key(), in.type());
      KStream<String, Outcome<Map<String, Object>>> keyed =
          records.process(
              () -> new RekeyProcessor(deadLetterStep(sink), key), Named.as(at + "-key"));
      records = context.deadLetters().route(keyed, at + "-key");
    }
    records.to(sink.topic(), Produced.with(Serdes.String(), context.serde(in.type())).withName(at));
  }

  /** Sinks and steps have separate names; dead-letter headers tell them apart. */
  private static String deadLetterStep(SinkSpec sink) {
    return "sink:" + sink.name();
  }
}
