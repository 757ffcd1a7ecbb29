package dev.tributary.worker.topology;

import dev.tributary.pipeline.spec.DeduplicateSpec;
import dev.tributary.pipeline.spec.SourceSpec;
import dev.tributary.pipeline.spec.StepSpec;
import dev.tributary.worker.deadletter.Outcome;
import dev.tributary.worker.expression.StepExpression;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code deduplicate}: drops repeats of an identity within a time span. Identities are remembered
 * per partition, so records with the same identity must share a record key (as a transaction's
 * retries do); a re-keyed input is repartitioned first.
 */
final class DeduplicateStep {

  private DeduplicateStep() {}

  static Flow apply(CompileContext context, Flow in, StepSpec step) {
    DeduplicateSpec spec = step.deduplicate();
    StepExpression identity =
        spec.key() == null ? null : StepExpression.compile(spec.key(), in.type());
    KStream<String, Map<String, Object>> input = in.stream();
    if (in.keyChanged()) {
      input =
          input.repartition(
              Repartitioned.with(Serdes.String(), context.serde(in.type()))
                  .withName(step.name() + ".by-key"));
    }
    String storeName = step.name() + ".seen";
    long withinMillis = spec.within().toMillis();
    StoreBuilder<WindowStore<String, Long>> store =
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                storeName, retention(context, spec.within()), spec.within(), false),
            Serdes.String(),
            Serdes.Long());
    FixedKeyProcessorSupplier<String, Map<String, Object>, Outcome<Map<String, Object>>> supplier =
        new FixedKeyProcessorSupplier<>() {
          @Override
          public FixedKeyProcessor<String, Map<String, Object>, Outcome<Map<String, Object>>>
              get() {
            return new DeduplicateProcessor(step.name(), identity, withinMillis, storeName);
          }

          @Override
          public Set<StoreBuilder<?>> stores() {
            return Set.of(store);
          }
        };
    String at = step.name() + ".deduplicate";
    KStream<String, Outcome<Map<String, Object>>> outcomes =
        input.processValues(supplier, Named.as(at));
    return Flow.of(context.deadLetters().route(outcomes, at), in.type(), false);
  }

  /**
   * Identities must stay in the store for {@code within} behind the newest event, plus as late as
   * the pipeline's sources allow records to arrive.
   */
  private static Duration retention(CompileContext context, Duration within) {
    Duration lateness = Duration.ZERO;
    for (SourceSpec source : context.pipeline().spec().sourcesOrEmpty()) {
      if (source.eventTime() != null
          && source.eventTime().allowedLateness() != null
          && source.eventTime().allowedLateness().compareTo(lateness) > 0) {
        lateness = source.eventTime().allowedLateness();
      }
    }
    return within.plus(lateness);
  }
}
