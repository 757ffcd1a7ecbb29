package dev.tributary.worker.topology;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The record a {@code select} makes: its fields in the select's order, the values in an array
 * beside names shared by every record of the step, instead of a hash map filled per record.
 * Read-only, as every step treats its input.
 */
final class Projection extends AbstractMap<String, Object> {

  /** The names of a select's fields, and where each is. */
  static final class Layout {
    private final String[] names;
    private final Map<String, Integer> index = new HashMap<>();

    Layout(String[] names) {
      this.names = names.clone();
      for (int i = 0; i < names.length; i++) {
        index.put(names[i], i);
      }
    }

    int size() {
      return names.length;
    }
  }

  private final Layout layout;
  private final Object[] values;

  /** @param values in the order of the layout's names; kept, not copied */
  Projection(Layout layout, Object[] values) {
    this.layout = layout;
    this.values = values;
  }

  @Override
  public Object get(Object name) {
    Integer i = layout.index.get(name);
    return i == null ? null : values[i];
  }

  @Override
  public boolean containsKey(Object name) {
    return layout.index.containsKey(name);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(layout.names[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(layout.names[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }
}
