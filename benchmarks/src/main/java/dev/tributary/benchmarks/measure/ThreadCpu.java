package dev.tributary.benchmarks.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of a contender's own threads: its processing thread and the client threads named after
 * its application id or group (producer I/O, heartbeat, admin). Unlike wall-clock throughput it
 * does not depend on what else runs on the machine, so it compares contenders fairly on a shared
 * machine. GC and JIT threads are shared by everything in this JVM and are not counted.
 */
final class ThreadCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** Nanoseconds of CPU that the live threads of {@code applicationId} have used so far. */
  static long nanos(String applicationId) {
    long total = 0;
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && belongsTo(thread.getThreadName(), applicationId)) {
        long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
        if (cpu > 0) {
          total += cpu;
        }
      }
    }
    return total;
  }

  /** Names carry the id followed by '-' (stream threads, clients) or at their end (group). */
  private static boolean belongsTo(String threadName, String applicationId) {
    return threadName.contains(applicationId + "-") || threadName.endsWith(applicationId);
  }
}
