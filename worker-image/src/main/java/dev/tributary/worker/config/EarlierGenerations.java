package dev.tributary.worker.config;

import dev.tributary.pipeline.validation.ValidatedPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state folders other generations of the same pipeline's state left in the worker's state
 * directory ({@code <state dir>/<application id>/}): a {@code reset-state} update runs the pipeline
 * under a new application id, and the stores of the earlier one are never read again on this
 * volume. Each generation's changelog topics stay until the platform removes that generation, so a
 * worker that goes back to one restores its stores from them.
 */
public final class EarlierGenerations {

  private EarlierGenerations() {}

  /**
   * Removes the state folders of the pipeline's other generations.
   *
   * @return the folders removed
   */
  public static List<Path> removeState(Path stateDirectory, ValidatedPipeline pipeline)
      throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(stateDirectory)) {
      return removed;
    }
    String current = pipeline.applicationId();
    try (Stream<Path> folders = Files.list(stateDirectory)) {
      for (Path folder : folders.toList()) {
        String name = folder.getFileName().toString();
        if (!name.equals(current)
            && ValidatedPipeline.generationOf(pipeline.topicPrefix(), pipeline.name(), name) > 0
            && Files.isDirectory(folder)) {
          try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(path);
            }
          }
          removed.add(folder);
        }
      }
    }
    return removed;
  }
}
