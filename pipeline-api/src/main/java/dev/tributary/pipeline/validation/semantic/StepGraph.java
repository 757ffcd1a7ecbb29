package dev.tributary.pipeline.validation.semantic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Graph walks over the steps of a pipeline, each step pointing at the steps it reads. */
final class StepGraph {

  private StepGraph() {}

  /**
   * The groups of steps that read each other in a cycle (strongly connected components with more
   * than one step, or one step that reads itself), by Tarjan's algorithm. Iterative, so that a long
   * chain of steps cannot overflow the stack.
   *
   * @param vertices the steps to look at
   * @param edges each step's inputs among the steps (to the field that names them)
   */
  static List<List<String>> cycles(Set<String> vertices, Map<String, Map<String, String>> edges) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<List<String>> components = new ArrayList<>();
    for (String root : vertices) {
      if (index.containsKey(root)) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      Deque<Iterator<String>> successors = new ArrayDeque<>();
      index.put(root, index.size());
      low.put(root, index.get(root));
      stack.push(root);
      onStack.add(root);
      path.push(root);
      successors.push(edges.get(root).keySet().iterator());
      while (!path.isEmpty()) {
        String v = path.peek();
        Iterator<String> next = successors.peek();
        if (next.hasNext()) {
          String w = next.next();
          if (!vertices.contains(w)) {
            continue;
          }
          if (!index.containsKey(w)) {
            index.put(w, index.size());
            low.put(w, index.get(w));
            stack.push(w);
            onStack.add(w);
            path.push(w);
            successors.push(edges.get(w).keySet().iterator());
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
        } else {
          path.pop();
          successors.pop();
          if (!path.isEmpty()) {
            low.put(path.peek(), Math.min(low.get(path.peek()), low.get(v)));
          }
          if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
              w = stack.pop();
              onStack.remove(w);
              component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1 || edges.get(v).containsKey(v)) {
              components.add(component);
            }
          }
        }
      }
    }
    return components;
  }

  /**
   * The shortest walk from {@code start} back to itself within one strongly connected component.
   */
  static List<String> shortestCycle(
      String start, Set<String> component, Map<String, Map<String, String>> edges) {
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : edges.get(v).keySet()) {
        if (!component.contains(w)) {
          continue;
        }
        if (w.equals(start)) {
          List<String> cycle = new ArrayList<>();
          for (String u = v; u != null; u = parent.get(u)) {
            cycle.add(0, u);
          }
          cycle.add(start);
          return cycle;
        }
        if (!parent.containsKey(w)) {
          parent.put(w, v);
          queue.add(w);
        }
      }
    }
    return List.of();
  }
}
