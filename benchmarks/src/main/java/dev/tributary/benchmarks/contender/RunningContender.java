package dev.tributary.benchmarks.contender;

import dev.tributary.benchmarks.measure.CommitTimes;
import java.util.Optional;

/** A started contender, ready to process: its consumer group has its partitions. */
public interface RunningContender extends AutoCloseable {

  /** The consumer group whose committed offsets tell how far it has come. */
  String groupId();

  /** Wall-clock time at which it became ready to process. */
  long readyAtMillis();

  /** Why its output cannot be trusted: it crashed, or it dead-lettered records. */
  Optional<String> failure();

  /** Where its commits spent their time so far; none for a contender that does not count it. */
  default CommitTimes commitTimes() {
    return CommitTimes.NONE;
  }

  @Override
  void close();
}
