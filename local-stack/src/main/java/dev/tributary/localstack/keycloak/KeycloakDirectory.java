package dev.tributary.localstack.keycloak;

import dev.tributary.localstack.process.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The home directory of one Keycloak instance: its own {@code bin/kc.sh}, configuration and {@code
 * data/} (database, realm imports), and symbolic links to the shared server image's {@code lib/},
 * {@code themes/} and {@code providers/}. kc.sh takes its home from its own location, so instances
 * started from the same image do not share any file they write.
 */
record KeycloakDirectory(Path root) {

  private static final List<String> SHARED = List.of("lib", "themes", "providers", "version.txt");

  Path script() {
    return root.resolve("bin").resolve("kc.sh");
  }

  /** Everything kc.sh and the server print. */
  Path logFile() {
    return root.resolve("keycloak.log");
  }

  Path importDir() {
    return root.resolve("data").resolve("import");
  }

  /**
   * Links this home to {@code image} and puts the realm files (by realm name) into {@code
   * data/import}, replacing those of an earlier start; the database in {@code data/} is kept.
   */
  void prepare(Path image, Map<String, Path> realmFiles) {
    try {
      Files.createDirectories(root.resolve("bin"));
      Files.copy(
          image.resolve("bin").resolve("kc.sh"), script(), StandardCopyOption.REPLACE_EXISTING);
      script().toFile().setExecutable(true);
      if (!Files.exists(root.resolve("conf"))) {
        copyTree(image.resolve("conf"), root.resolve("conf"));
      }
      // Relinked on every start: a kept data directory follows the current image.
      for (String shared : SHARED) {
        Files.deleteIfExists(root.resolve(shared));
        Files.createSymbolicLink(root.resolve(shared), image.resolve(shared));
      }
      LogFiles.deleteTree(importDir());
      Files.createDirectories(importDir());
      for (Map.Entry<String, Path> realm : realmFiles.entrySet()) {
        // --import-realm insists on the file name <realm>-realm.json.
        Files.copy(realm.getValue(), importDir().resolve(realm.getKey() + "-realm.json"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the Keycloak home " + root, e);
    }
  }

  String logTail(int lines) {
    return LogFiles.tail(logFile(), lines);
  }

  void delete() {
    LogFiles.deleteTree(root);
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Files.copy(path, target.resolve(source.relativize(path).toString()));
      }
    }
  }
}
