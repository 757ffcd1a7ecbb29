package dev.tributary.runtime.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} values added, oldest first: a fixed amount of memory however long a
 * pipeline runs. Not thread-safe; its owner synchronises.
 */
public final class RingBuffer<T> {

  private final Object[] values;
  private int next;
  private int size;

  public RingBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.values = new Object[capacity];
  }

  public void add(T value) {
    values[next] = value;
    next = (next + 1) % values.length;
    size = Math.min(size + 1, values.length);
  }

  public int size() {
    return size;
  }

  /** The values held, oldest first. */
  @SuppressWarnings("unchecked")
  public List<T> values() {
    List<T> list = new ArrayList<>(size);
    int first = (next - size + values.length) % values.length;
    for (int i = 0; i < size; i++) {
      list.add((T) values[(first + i) % values.length]);
    }
    return list;
  }

  /** The newest value, or null when empty. */
  @SuppressWarnings("unchecked")
  public T latest() {
    return size == 0 ? null : (T) values[(next - 1 + values.length) % values.length];
  }
}
