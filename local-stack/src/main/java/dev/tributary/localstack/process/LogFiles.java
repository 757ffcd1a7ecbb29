package dev.tributary.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reading the logs and removing the directories that local services leave behind. */
public final class LogFiles {

  private LogFiles() {}

  /** The last lines of a log, for error messages; never fails. */
  public static String tail(Path log, int lines) {
    if (!Files.exists(log)) {
      return "(" + log + " was not written)";
    }
    try {
      // Malformed bytes are replaced rather than rejected: services may log in any encoding.
      List<String> all =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Deletes a directory tree; symbolic links are removed, not followed. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }
}
