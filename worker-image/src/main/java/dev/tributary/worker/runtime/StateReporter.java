package dev.tributary.worker.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Assembles {@link WorkerState} from what Kafka Streams already measures: thread metadata, the
 * RocksDB property metrics of KIP-607 ({@code estimate-num-keys}, {@code total-sst-files-size},
 * recorded at the default INFO level) and the restore listener. Nothing walks the disk or opens a
 * store, so asking is cheap and safe while the worker processes records.
 */
final class StateReporter {

  private static final String STATE_GROUP = "stream-state-metrics";
  private static final Map<String, String> STORE_KINDS =
      Map.of(
          "rocksdb-state-id", "key-value",
          "rocksdb-window-state-id", "window",
          "rocksdb-session-state-id", "session",
          "rocksdb-versioned-state-id", "versioned",
          "in-memory-state-id", "key-value",
          "in-memory-window-state-id", "window",
          "in-memory-session-state-id", "session");

  private final String pipeline;
  private final String applicationId;
  private final KafkaStreams streams;
  private final RestoreProgress restores;
  private final LongSupplier deadLettered;
  private final AtomicReference<WorkerState.ErrorReport> lastError;
  private final SinkRecordCount written;

  StateReporter(
      String pipeline,
      String applicationId,
      KafkaStreams streams,
      RestoreProgress restores,
      LongSupplier deadLettered,
      AtomicReference<WorkerState.ErrorReport> lastError,
      Set<String> sinkTopics) {
    this.pipeline = pipeline;
    this.applicationId = applicationId;
    this.streams = streams;
    this.restores = restores;
    this.deadLettered = deadLettered;
    this.lastError = lastError;
    this.written = new SinkRecordCount(sinkTopics);
  }

  synchronized WorkerState report() {
    List<ThreadHealth> threads = new ArrayList<>();
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      threads.add(
          new ThreadHealth(
              thread.threadName(),
              thread.threadState(),
              taskIds(thread.activeTasks()),
              taskIds(thread.standbyTasks())));
    }
    threads.sort(Comparator.comparing(ThreadHealth::name));
    return new WorkerState(
        pipeline,
        applicationId,
        streams.state().name(),
        threads,
        stores(),
        deadLettered.getAsLong(),
        written.count(streams.metrics()),
        lastError.get());
  }

  private List<StoreHealth> stores() {
    Map<String, StoreAccumulator> stores = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
      MetricName name = entry.getKey();
      if (!STATE_GROUP.equals(name.group())) {
        continue;
      }
      for (Map.Entry<String, String> tag : name.tags().entrySet()) {
        String kind = STORE_KINDS.get(tag.getKey());
        if (kind == null) {
          continue;
        }
        StoreAccumulator store =
            stores.computeIfAbsent(tag.getValue(), n -> new StoreAccumulator(kind));
        Object value = entry.getValue().metricValue();
        long amount = value instanceof Number n ? n.longValue() : 0;
        switch (name.name()) {
          case "estimate-num-keys" -> store.entries += amount;
          case "total-sst-files-size" -> store.bytes += amount;
          default -> {}
        }
      }
    }
    restores
        .snapshot()
        .values()
        .forEach(
            p -> {
              StoreAccumulator store =
                  stores.computeIfAbsent(p.store(), n -> new StoreAccumulator("key-value"));
              if (p.standby()) {
                store.standby++;
              } else {
                store.active++;
                store.restoring |= p.restoring();
              }
              store.restored += p.restored();
              store.remaining += p.remaining();
            });
    List<StoreHealth> result = new ArrayList<>();
    stores.forEach(
        (name, s) ->
            result.add(
                new StoreHealth(
                    name,
                    s.kind,
                    s.entries,
                    s.bytes,
                    s.restoring
                        ? "restoring"
                        : s.active == 0 && s.standby > 0 ? "standby" : "ready",
                    s.restored,
                    s.remaining,
                    s.active,
                    s.standby)));
    return result;
  }

  private static List<String> taskIds(Set<TaskMetadata> tasks) {
    return tasks.stream().map(t -> t.taskId().toString()).sorted().toList();
  }

  private static final class StoreAccumulator {
    final String kind;
    long entries;
    long bytes;
    long restored;
    long remaining;
    int active;
    int standby;
    boolean restoring;

    StoreAccumulator(String kind) {
      this.kind = kind;
    }
  }
}
