package dev.tributary.worker.topology;

import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.StepExpression;
import java.util.Map;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * {@code rekey}: the same records under a new key. Kafka Streams marks the stream for
 * repartitioning and repartitions it before the next join or aggregation.
 */
final class RekeyStep {

  private RekeyStep() {}

  static Flow apply(CompileContext context, Flow in, StepSpec step) {
    StepExpression key = StepExpression.compile(step.rekey(), in.type());
    String at = step.name() + ".rekey";
    KStream<String, Outcome<Map<String, Object>>> outcomes =
        in.stream().process(() -> new RekeyProcessor(step.name(), key), Named.as(at));
    return Flow.of(context.deadLetters().route(outcomes, at), in.type(), true);
  }
}
