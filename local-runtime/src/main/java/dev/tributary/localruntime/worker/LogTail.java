package dev.tributary.localruntime.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines a worker printed, kept in memory so that a crash can be explained without reading
 * its log file back. Lines are cut at {@link #MAX_LINE_CHARS}: one stack-trace line must not crowd
 * out the rest. Thread-safe: the output pump adds while the supervisor reads.
 */
public final class LogTail {

  static final int MAX_LINE_CHARS = 500;

  private final int lines;
  private final Deque<String> tail = new ArrayDeque<>();

  public LogTail(int lines) {
    this.lines = lines;
  }

  public synchronized void add(String line) {
    tail.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line);
    while (tail.size() > lines) {
      tail.removeFirst();
    }
  }

  public synchronized List<String> lines() {
    return List.copyOf(tail);
  }
}
