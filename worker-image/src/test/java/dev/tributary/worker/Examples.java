package dev.tributary.worker;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example pipelines of this repository ({@code examples/<name>/pipeline.yaml}), which tests
 * read where they are instead of keeping copies. The build sets {@code tributary.root}; run from
 * the module's folder without it, the root is the folder above.
 */
public final class Examples {

  private static final Path ROOT =
      Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();

  private Examples() {}

  /** The pipeline document of the example with this name, such as {@code card-fraud}. */
  public static Path pipeline(String name) {
    Path path = ROOT.resolve("examples").resolve(name).resolve("pipeline.yaml");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path + " does not exist; set tributary.root to the repository's root");
    }
    return path;
  }
}
