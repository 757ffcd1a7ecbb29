package dev.tributary.runtime.metrics;

import java.time.Instant;

/**
 * Where one partition's log ended at each collection, for the last hour: enough to tell when the
 * record at an offset arrived, to within one collection interval, without reading it. A collection
 * that finds the log where the last one did replaces it rather than adding a point, so an idle
 * topic keeps how long ago it last grew. Not thread-safe.
 */
final class EndOffsetHistory {

  private final long[] ends;
  private final long[] times;
  private int start;
  private int size;

  EndOffsetHistory(int capacity) {
    ends = new long[capacity];
    times = new long[capacity];
  }

  void add(Instant at, long end) {
    if (size > 0 && end < endAt(size - 1)) {
      // The log was deleted and made again: what was known of it no longer holds.
      size = 0;
    }
    if (size > 1 && endAt(size - 1) == end && endAt(size - 2) == end) {
      times[index(size - 1)] = at.toEpochMilli();
      return;
    }
    if (size == ends.length) {
      start = (start + 1) % ends.length;
      size--;
    }
    int i = index(size);
    ends[i] = end;
    times[i] = at.toEpochMilli();
    size++;
  }

  /**
   * When the record at {@code offset} arrived, interpolated between the two collections around it,
   * or null when it arrived before the first collection kept here (or not yet).
   */
  Instant appendedAt(long offset) {
    if (size == 0 || offset < endAt(0) || offset >= endAt(size - 1)) {
      return null;
    }
    // The first collection whose end is past the offset: the record arrived after the one before.
    int low = 1;
    int high = size - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (endAt(middle) > offset) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    long fromEnd = endAt(low - 1);
    long toEnd = endAt(low);
    long fromTime = times[index(low - 1)];
    long toTime = times[index(low)];
    double share = (offset - fromEnd + 1) / (double) (toEnd - fromEnd);
    return Instant.ofEpochMilli(fromTime + Math.round(share * (toTime - fromTime)));
  }

  /** The first collection kept, or null before any. */
  Instant oldest() {
    return size == 0 ? null : Instant.ofEpochMilli(times[index(0)]);
  }

  private long endAt(int k) {
    return ends[index(k)];
  }

  private int index(int k) {
    return (start + k) % ends.length;
  }
}
