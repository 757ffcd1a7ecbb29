package dev.tributary.localruntime;

import dev.tributary.localruntime.worker.WorkerProcess;
import dev.tributary.runtime.worker.WorkerState;
import java.time.Instant;

/**
 * Replica number {@code index} of a pipeline: the worker running in it now, if any, and what
 * outlives that worker — restarts, the crash back-off, the last exit code. Its state directory and
 * log are the same for every worker it runs. Guarded by its pipeline's lock.
 */
final class ReplicaSlot {

  final int index;
  WorkerProcess worker;
  boolean ready;
  WorkerState reported;
  int restarts;
  int crashesInARow;
  Integer lastExitCode;
  Instant restartAt;
  boolean rejected;

  ReplicaSlot(int index) {
    this.index = index;
  }

  String process() {
    if (worker != null) {
      return worker.stopRequested() ? "stopping" : ready ? "running" : "starting";
    }
    if (restartAt != null) {
      return "waiting-to-restart";
    }
    return rejected ? "failed" : "stopped";
  }
}
