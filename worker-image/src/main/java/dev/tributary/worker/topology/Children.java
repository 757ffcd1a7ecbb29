package dev.tributary.worker.topology;

import dev.tributary.worker.deadletter.DeadLetters;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Where a step's processor passes its records: by name to each child but its dead-letter branch
 * (one forward per record instead of one per child), or to every child before the topology has told
 * which they are.
 */
final class Children<V> {

  private final FixedKeyProcessorContext<String, V> context;
  private final String[] names;

  Children(FixedKeyProcessorContext<String, V> context, DeadLetters deadLetters, String at) {
    this.context = context;
    List<String> passOn = deadLetters.passOn(at);
    this.names = passOn == null ? null : passOn.toArray(String[]::new);
  }

  void forward(FixedKeyRecord<String, V> record) {
    if (names == null) {
      context.forward(record);
      return;
    }
    for (String name : names) {
      context.forward(record, name);
    }
  }
}
