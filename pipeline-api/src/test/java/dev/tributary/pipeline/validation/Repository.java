package dev.tributary.pipeline.validation;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of this repository outside the module, such as the examples and the documentation, which
 * tests read where they are instead of keeping copies. The build sets {@code tributary.root}; run
 * from the module's folder without it, the root is the folder above.
 */
final class Repository {

  private static final Path ROOT =
      Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();

  private Repository() {}

  /** A file or folder of the repository, by its path from the root. */
  static Path path(String relative) {
    Path path = ROOT.resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          relative + " is not under " + ROOT + "; set tributary.root to the repository's root");
    }
    return path;
  }
}
