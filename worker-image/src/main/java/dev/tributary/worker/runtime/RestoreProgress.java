package dev.tributary.worker.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Follows changelog restoration of active tasks and updates of standby tasks, per store and
 * changelog partition, so the state endpoint can say what is restoring and how far it has to go.
 * Kafka Streams calls these from its restore threads; the maps are concurrent.
 */
final class RestoreProgress implements StateRestoreListener, StandbyUpdateListener {

  /** Progress of one changelog partition of one store. */
  record Partition(
      String store, boolean standby, boolean restoring, long restored, long remaining) {}

  private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> endOffsets = new ConcurrentHashMap<>();

  @Override
  public void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    endOffsets.put(partition, endingOffset);
    partitions.put(
        partition,
        new Partition(store, false, true, 0, Math.max(0, endingOffset - startingOffset)));
  }

  @Override
  public void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    long end = endOffsets.getOrDefault(partition, batchEndOffset);
    partitions.compute(
        partition,
        (p, old) ->
            new Partition(
                store,
                false,
                true,
                (old == null ? 0 : old.restored()) + numRestored,
                Math.max(0, end - batchEndOffset - 1)));
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    partitions.put(partition, new Partition(store, false, false, totalRestored, 0));
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    partitions.remove(partition);
  }

  @Override
  public void onUpdateStart(TopicPartition partition, String store, long startingOffset) {
    partitions.put(partition, new Partition(store, true, false, 0, 0));
  }

  @Override
  public void onBatchLoaded(
      TopicPartition partition,
      String store,
      TaskId taskId,
      long batchEndOffset,
      long batchSize,
      long currentEndOffset) {
    partitions.compute(
        partition,
        (p, old) ->
            new Partition(
                store,
                true,
                false,
                (old == null ? 0 : old.restored()) + batchSize,
                Math.max(0, currentEndOffset - batchEndOffset - 1)));
  }

  @Override
  public void onUpdateSuspended(
      TopicPartition partition,
      String store,
      long storeOffset,
      long currentEndOffset,
      SuspendReason reason) {
    partitions.remove(partition);
  }

  Map<TopicPartition, Partition> snapshot() {
    return Map.copyOf(partitions);
  }
}
