package dev.tributary.benchmarks.measure;

import java.util.List;

/**
 * When each phase of a load runs, in wall-clock milliseconds: phases follow each other without a
 * gap from {@code startMillis}. A record's timestamp is the time it was due to be sent, so it tells
 * which phase it belongs to.
 */
record LoadSchedule(List<Phase> phases, long startMillis) {

  /** When the phase at this index starts, in wall-clock milliseconds. */
  long phaseStartMillis(int phase) {
    long start = startMillis;
    for (int i = 0; i < phase; i++) {
      start += phases.get(i).duration().toMillis();
    }
    return start;
  }

  /** The index of the phase whose records carry this timestamp, or -1. */
  int phaseOf(long timestampMillis) {
    long phaseStart = startMillis;
    for (int i = 0; i < phases.size(); i++) {
      long phaseEnd = phaseStart + phases.get(i).duration().toMillis();
      if (timestampMillis >= phaseStart && timestampMillis < phaseEnd) {
        return i;
      }
      phaseStart = phaseEnd;
    }
    return -1;
  }
}
