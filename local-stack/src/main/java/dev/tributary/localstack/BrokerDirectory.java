package dev.tributary.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files of one broker inside its data directory. */
record BrokerDirectory(Path root) {

  private static final String LOG4J_CONFIG =
      """
      appender.stdout.type = Console
      appender.stdout.name = STDOUT
      appender.stdout.layout.type = PatternLayout
      appender.stdout.layout.pattern = [%d] %p %m (%c)%n
      rootLogger.level = INFO
      rootLogger.appenderRef.stdout.ref = STDOUT
      logger.request.name = kafka.request.logger
      logger.request.level = WARN
      """;

  Path serverProperties() {
    return root.resolve("server.properties");
  }

  Path log4jConfig() {
    return root.resolve("log4j2.properties");
  }

  /** Everything the broker and the storage tool print; log4j writes to standard output. */
  Path logFile() {
    return root.resolve("server.log");
  }

  Path logDirs() {
    return root.resolve("kraft-combined-logs");
  }

  /** Whether the storage tool has formatted the log directory (it writes meta.properties). */
  boolean isFormatted() {
    return Files.exists(logDirs().resolve("meta.properties"));
  }

  void writeConfig(Map<String, String> serverProperties) {
    String properties =
        serverProperties.entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining("\n", "", "\n"));
    try {
      Files.createDirectories(root);
      Files.writeString(serverProperties(), properties);
      Files.writeString(log4jConfig(), LOG4J_CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the broker configuration into " + root, e);
    }
  }

  String logTail(int lines) {
    if (!Files.exists(logFile())) {
      return "(" + logFile() + " was not written)";
    }
    try {
      List<String> all =
          new String(Files.readAllBytes(logFile()), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
    }
  }

  void delete() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the broker's data directory " + root, e);
    }
  }
}
